import { readdirSync } from 'node:fs';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { privateMembers } from './scripts/private-members.js';
import { collapseTemplateWhitespace as collapseTemplateWhitespaceIn } from './scripts/template-whitespace.js';

/**
 * Minifies our css`…` templates (they ship as strings). Only static templates (no `${}`) are touched:
 * comments go, whitespace collapses (and goes next to punctuation, where CSS ignores it), as do the
 * leading zero of a decimal (0.5rem → .5rem), the quotes of an identifier attribute value
 * ([sender='user'] → [sender=user]), the space before !important, around `/` (calc, rgb) and around a
 * selector's + or ~, the * before a pseudo-element (.x *::before → .x ::before), and the space in
 * `@media (`. Each leaves the parsed CSS the same. (lightningcss was measured: 6 bytes of gzip worse than
 * this, and it rounds 2147483000 to 2147480000.)
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return code.replace(/css`([^`$]*)`/g, (_match, body: string) => {
        const minified = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{}:;,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .replace(/\s*!important/g, '!important')
          .replace(/([^\w.-])0\.(\d)/g, '$1.$2')
          .replace(/([~|^$*]?=)'([a-zA-Z_][\w-]*)'\]/g, '$1$2]')
          .replace(/ \/ /g, '/')
          .replace(/@media \(/g, '@media(')
          .replace(/[^{}]*\{/g, (prelude) => prelude.replace(/ ?([+~]) ?/g, '$1').replace(/ \*::/g, ' ::'))
          .trim();
        return `css\`${minified}\``;
      });
    },
  };
}

/** Drops the indentation of our Lit templates, keeping every line (see scripts/template-whitespace.js). */
function collapseTemplateWhitespace(): Plugin {
  return {
    name: 'collapse-template-whitespace',
    transform(code, id) {
      if (!/\/src\/components\/.*\.ts$/.test(id)) return null;
      const collapsed = collapseTemplateWhitespaceIn(code, id);
      return collapsed === undefined ? null : { code: collapsed, map: null };
    },
  };
}

/**
 * Shortens the names of our `private` members in the script-tag bundles (see scripts/private-members.js
 * for which names, and why the rest keep theirs). Runs on the whole chunk, before it is minified, so
 * every use of a name gets the same short one.
 */
function manglePrivateMembers(): Plugin {
  const { mangled } = privateMembers(import.meta.dirname);
  const names = new RegExp(`^(${mangled.join('|')})$`);
  return {
    name: 'mangle-private-members',
    async renderChunk(code, chunk) {
      // esbuild prints the chunk anew: its source map keeps `npm run size` attributing bytes to modules.
      const result = await transform(code, {
        mangleProps: names,
        target: 'es2021',
        charset: 'utf8',
        sourcemap: 'external',
        sourcefile: chunk.fileName,
      });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * Three library builds from one entry, selected by --mode:
 *   (default)  dist/llama-agent-chat.js       self-contained ES module for <script type="module">
 *   iife       dist/llama-agent-chat.iife.js  the same as a classic script
 *   npm        dist/npm/index.js              for bundlers: lit, sse.js and streaming-markdown stay external
 *   locales    dist/locales/<lang>.js         one module per language in src/i18n/locales, each registering
 *                                             its table; never part of the main bundle
 * The demo uses the dev server (demo/serve.js), not this file's build options.
 */
export default defineConfig(({ mode }) => {
  const npm = mode === 'npm';
  const iife = mode === 'iife';
  if (mode === 'locales') return localesBuild();
  return {
    plugins: npm ? [] : [minifyCssTemplates(), collapseTemplateWhitespace(), manglePrivateMembers()],
    build: {
      target: 'es2021',
      emptyOutDir: !npm && !iife,
      outDir: npm ? 'dist/npm' : 'dist',
      // No source map for the npm build: its code is not minified, and the map (~180 KB, the whole source
      // inside) would double the download. The script bundles are for production pages.
      sourcemap: false,
      minify: !npm,
      reportCompressedSize: true,
      lib: {
        entry: 'src/index.ts',
        formats: [iife ? 'iife' : 'es'],
        name: 'LlamaAgentChat',
        fileName: () => (npm ? 'index.js' : iife ? 'llama-agent-chat.iife.js' : 'llama-agent-chat.js'),
      },
      rollupOptions: {
        external: npm ? [/^lit(\/|$)/, /^@lit\//, 'sse.js', 'streaming-markdown'] : [],
        // streaming-markdown checks its own invariants with console.assert: dead weight in production.
        treeshake: { manualPureFunctions: ['console.assert'] },
        // Vite leaves whitespace in ES library output (for the npm build's tree-shaking); the
        // script-tag bundle ships to every page, so minify it fully, without the /* @__PURE__ */
        // annotations that only a later bundler's tree-shaking would read.
        output: npm ? {} : { minify: true, comments: { annotation: false } },
      },
    },
  };
});

/** Each language as its own ES module, sharing only the few bytes of the registry. */
function localesBuild() {
  const languages = readdirSync('src/i18n/locales')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3));
  return {
    build: {
      target: 'es2021',
      emptyOutDir: false,
      outDir: 'dist/locales',
      minify: true,
      lib: {
        entry: Object.fromEntries(languages.map((l) => [l, `src/i18n/locales/${l}.ts`])),
        formats: ['es' as const],
        fileName: (_format: string, name: string) => `${name}.js`,
      },
      rollupOptions: { output: { chunkFileNames: '[name].js', minify: true } },
    },
  };
}
