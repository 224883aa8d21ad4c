/**
 * Known XSS vectors, as markdown an assistant (or a tool result, or a stored
 * history) could contain. Reusable for every path text takes into the page: the
 * markdown renderer, the network stream, the history, tool results.
 *
 * ## The probe
 * Every payload, if it ever executed, calls `window.__xss(name)` with its own
 * vector's `name` — either as `__xss('name')` or, where parentheses would end a
 * markdown link early, as the tagged template `` __xss`name` `` (which passes
 * `['name']`, so the probe takes `String(arg)`). Payloads that run in a child
 * frame call `parent.__xss`. Install the probe before rendering and check it
 * after the page had a chance to run handlers (two animation frames and ~100 ms
 * let `onerror`/`onload`/`onfocus`/`ontoggle` fire):
 *
 * ```ts
 * const fired = installXssProbe();   // window.__xss = name => fired.push(String(name))
 * // … render every vector …
 * await settle();
 * expect(fired).to.deep.equal([]);
 * ```
 * `installXssProbe` also clears `window.__xssFired`, which a payload may set
 * instead (none here do; the lead's own vectors may).
 *
 * ## Names are visible text
 * Every vector's `name` is kebab-case (no `_`, `*`, `` ` ``, `~`, `|`, `[`: nothing
 * markdown would eat) and occurs in the vector's markdown where a text-only
 * rendering shows it: so "the payload's text is still visible" can be checked
 * as `container.textContent.includes(name)`. (For images, whose refused URL is
 * not shown, the name is also the alt text.)
 *
 * Images point at `https://127.0.0.1:9/…` (the discard port: a refused
 * connection, no network), and links at `https://example.com` (never followed).
 */
export interface XssVector {
  name: string;
  markdown: string;
}

declare global {
  interface Window {
    __xss?: (name: unknown) => void;
    __xssFired?: unknown;
  }
}

/** Installs `window.__xss`; returns the (live) list of names it was called with. */
export function installXssProbe(): string[] {
  const fired: string[] = [];
  window.__xss = (name: unknown) => {
    fired.push(String(name));
  };
  delete window.__xssFired;
  return fired;
}

/** Two animation frames and 100 ms: long enough for onerror/onload/onfocus to fire. */
export async function settle(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 100));
}

const IMG = 'https://127.0.0.1:9/x.png';
const call = (name: string) => `__xss('${name}')`;
/** A call without parentheses, for inside markdown link URLs. */
const tcall = (name: string) => `__xss\`${name}\``;
const b64 = (s: string) => btoa(s);

const v = (name: string, markdown: (n: string) => string): XssVector => ({ name, markdown: markdown(name) });

export const XSS_VECTORS: readonly XssVector[] = [
  // ---------------------------------------------------------------- raw HTML
  v('script-tag', (n) => `Hello <script>${call(n)}</script> world`),
  v('script-src-data', (n) => `<script src="data:text/javascript,${call(n)}"></script>`),
  v('script-block', (n) => `<script>\n${call(n)}\n</script>\n\nafter`),
  v('img-onerror', (n) => `<img src=x onerror="${call(n)}">`),
  v('img-onerror-unquoted', (n) => `<img src=x onerror=${call(n)}>`),
  v('img-onerror-backtick', (n) => `<img src=x onerror=${tcall(n)}>`),
  v('svg-onload', (n) => `<svg onload="${call(n)}"></svg>`),
  v('svg-script', (n) => `<svg><script>${call(n)}</script></svg>`),
  v('svg-animate-href', (n) => `<svg><a><animate attributeName=href values=javascript:${tcall(n)} /><text y=20>x</text></a></svg>`),
  v('iframe-srcdoc', (n) => `<iframe srcdoc="<script>parent.${call(n)}</script>"></iframe>`),
  v('iframe-src-js', (n) => `<iframe src="javascript:parent.${call(n)}"></iframe>`),
  v('object-data', (n) => `<object data="javascript:${call(n)}"></object>`),
  v('embed-src', (n) => `<embed title="${n}" src="data:text/html;base64,${b64(`<script>parent.${call(n)}</script>`)}">`),
  v('raw-a-href-js', (n) => `<a href="javascript:${call(n)}">click me</a>`),
  v('raw-a-href-entity-tab', (n) => `<a href="jav&#x09;ascript:${call(n)}">click</a>`),
  v('body-onload', (n) => `<body onload="${call(n)}">`),
  v('details-ontoggle', (n) => `<details open ontoggle="${call(n)}"><summary>x</summary></details>`),
  v('input-autofocus', (n) => `<input autofocus onfocus="${call(n)}">`),
  v('custom-element-handler', (n) => `<xss-el onpointerover="${call(n)}" style="display:block;position:fixed;inset:0">cover</xss-el>`),
  v('math-mxss', (n) => `<math><mtext><table><mglyph><style><img src=x onerror="${call(n)}">`),
  v('style-tag', (n) => `<style>@import 'javascript:${call(n)}'; *{background:url("javascript:${call(n)}")}</style>`),
  v('base-href', (n) => `<base href="javascript:${call(n)}//">\n\n[relative](/path) and ![base-href](x.png)`),
  v('meta-refresh', (n) => `<meta http-equiv="refresh" content="0;url=javascript:${call(n)}">`),
  v('form-action', (n) => `<form action="javascript:${call(n)}"><button autofocus>go</button></form>`),
  v('unclosed-img', (n) => `<img src=x onerror="${call(n)}"`),
  v('unclosed-script', (n) => `<script>${call(n)}`),
  v('broken-nested-script', (n) => `<<script>script>${call(n)}<</script>/script>`),
  v('mxss-noscript', (n) => `<noscript><p title="</noscript><img src=x onerror=${call(n)}>">`),
  v('mxss-svg-style', (n) => `<svg></p><style><a id="</style><img src=1 onerror=${call(n)}>">`),
  v('mxss-nested-quotes', (n) => `<a title='"><img src=x onerror="${call(n)}">'>q</a>`),
  v('template-literal', (n) => `\${${call(n)}} and \`\${${call(n)}}\``),
  v('template-injection', (n) => `{{constructor.constructor("${call(n)}")()}} <div x-init="${call(n)}">`),
  v('lit-binding', (n) => `<div @click=\${() => ${call(n)}} .innerHTML="\${'<img src=x onerror=${call(n)}>'}">`),
  v('html-in-table-cell', (n) => `| <img src=x onerror=${call(n)}> | b |\n|---|---|\n| c | <svg onload=${call(n)}> |`),
  v('html-in-code-fence-lang', (n) => `\`\`\`"><img src=x onerror=${call(n)}>\ncode\n\`\`\``),
  v('html-in-inline-code', (n) => `\`\`<script>${tcall(n)}</script>\`\``),
  v('br-with-handler', (n) => `line<br onmouseover="${call(n)}">next`),

  // ---------------------------------------------------------------- markdown links
  v('md-link-js', (n) => `[click](javascript:${tcall(n)})`),
  v('md-link-js-parens', (n) => `[click](javascript:${call(n)})`),
  v('md-link-js-upper', (n) => `[click](JAVASCRIPT:${tcall(n)})`),
  v('md-link-js-mixed-case', (n) => `[click](JaVaScRiPt:${tcall(n)})`),
  v('md-link-js-leading-space', (n) => `[click](   javascript:${tcall(n)})`),
  v('md-link-js-tab', (n) => `[click](java\tscript:${tcall(n)})`),
  v('md-link-js-newline', (n) => `[click](java\nscript:${tcall(n)})`),
  v('md-link-js-crlf', (n) => `[click](java\r\nscript:${tcall(n)})`),
  v('md-link-js-control-char', (n) => `[click](\u0001javascript:${tcall(n)})`),
  v('md-link-js-null-byte', (n) => `[click](java\u0000script:${tcall(n)})`),
  v('md-link-js-entity-dec', (n) => `[click](&#106;avascript:${tcall(n)})`),
  v('md-link-js-entity-hex', (n) => `[click](&#x6A;avascript:${tcall(n)})`),
  v('md-link-js-entity-colon', (n) => `[click](javascript&colon;${tcall(n)})`),
  v('md-link-js-percent-colon', (n) => `[click](javascript%3A${tcall(n)})`),
  v('md-link-js-percent-scheme', (n) => `[click](%6Aavascript:${tcall(n)})`),
  v('md-link-js-comment-newline', (n) => `[click](javascript://%0a${tcall(n)})`),
  v('md-link-js-angle', (n) => `[click](<javascript:${tcall(n)}>)`),
  v('md-link-js-title', (n) => `[click](javascript:${tcall(n)} "title")`),
  v('md-link-data-html', (n) => `[click](data:text/html,<script>parent.${tcall(n)}</script>)`),
  v('md-link-data-base64', (n) => `[click md-link-data-base64](data:text/html;base64,${b64(`<script>parent.__xss\`${n}\`</script>`)})`),
  v('md-link-vbscript', (n) => `[click](vbscript:__xss "${n}")`),
  v('md-link-vbscript-upper', (n) => `[click](VBScript:__xss "${n}")`),
  v('md-link-text-html', (n) => `[<img src=x onerror=${call(n)}>](https://example.com)`),
  v('md-link-attr-injection', (n) => `[${n}](https://example.com/"onmouseover="${tcall(n)})`),
  v('md-link-nested', (n) => `[[inner](javascript:${tcall(n)})](https://example.com)`),
  v('md-link-in-heading', (n) => `# [heading](javascript:${tcall(n)})`),
  v('md-link-in-table', (n) => `| a |\n|---|\n| [cell](javascript:${tcall(n)}) |`),
  v('md-link-unclosed', (n) => `[click](javascript:${tcall(n)}\n\nmore text`),
  v('autolink-js', (n) => `<javascript:${tcall(n)}>`),
  v('bare-js-url', (n) => `see javascript:${tcall(n)} here`),
  v(
    'md-link-polyglot',
    (n) =>
      `[p](jaVasCript:/*-/*\`/*\\\`/*'/*"/**/${tcall(n)}//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${tcall(n)}//>\\x3e)`,
  ),

  // ---------------------------------------------------------------- markdown images
  v('md-image-js', (n) => `![${n}](javascript:${tcall(n)})`),
  v('md-image-data-svg', (n) => `![${n}](data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="parent.${tcall(n)}"/>)`),
  v(
    'md-image-data-svg-base64',
    (n) => `![${n}](data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${call(n)}"/>`)})`,
  ),
  v('md-image-alt-injection', (n) => `![${n}" onerror="${call(n)}](${IMG})`),
  v('md-image-src-injection', (n) => `![${n}](${IMG}"onerror="${tcall(n)})`),
  v('md-image-vbscript', (n) => `![${n}](vbscript:__xss "${n}")`),
  v('md-image-in-link', (n) => `[![${n}](javascript:${tcall(n)})](javascript:${tcall(n)})`),
];

/**
 * The elements the markdown renderer may create, with the attributes each may carry (besides `part`,
 * allowed everywhere): what the XSS and fuzz tests hold every rendering to.
 */
export const RENDERED_MARKUP: Readonly<Record<string, readonly string[]>> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  div: [],
  span: [],
  button: ['type'],
  pre: [],
  code: [],
  em: [],
  strong: [],
  del: [],
  a: ['href', 'target', 'rel'],
  img: ['src', 'alt', 'loading', 'decoding', 'referrerpolicy'],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  input: ['type', 'disabled', 'checked'],
  table: [],
  tr: [],
  th: [],
  td: [],
  hr: [],
  br: [],
};
