import { readFileSync } from 'node:fs'; import { gzipSync } from 'node:zlib'; import { transform } from 'esbuild';
const code = readFileSync('dist/llama-agent-chat.js','utf8');
const names = process.argv[2];
const out = await transform(code, { minify: true, mangleProps: new RegExp(`^(${names})$`), charset: 'utf8' });
const base = await transform(code, { minify: true, charset: 'utf8' });
console.log(gzipSync(base.code,{level:9}).length, gzipSync(out.code,{level:9}).length);
