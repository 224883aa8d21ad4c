// The script-tag bundle as the build makes it, for test/bundle/: the other tests import src/, which
// says nothing about what the build (private members renamed, templates squeezed) made of it. Built
// once per run into a temporary folder and served at /__built/<file>.js.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @param {string} root the repository (where vite.config.ts is) */
export function builtBundle(root) {
  /** @type {string | undefined} */
  let dir;
  return {
    async build() {
      const { build } = await import('vite');
      dir = mkdtempSync(path.join(tmpdir(), 'llama-agent-chat-built-'));
      await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
    },
    /** Koa middleware for Web Test Runner's server. */
    serve: async (ctx, next) => {
      const file = /^\/__built\/([\w.-]+\.js)$/.exec(ctx.path)?.[1];
      if (!file || !dir) return next();
      ctx.type = 'text/javascript';
      ctx.body = readFileSync(path.join(dir, file), 'utf8');
    },
    remove() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
