/**
 * Streaming markdown → DOM, for assistant replies that arrive token by token.
 *
 * Parsing is done by `streaming-markdown` (smd); this module supplies the
 * renderer, which builds the DOM itself with `createElement`, `createTextNode`
 * and `setAttribute` of a fixed allowlist. Element names come from a fixed map
 * of token types, never from the input, and text is always text: nothing from
 * the model can become markup, script or an event handler.
 *
 * ## Elements and `part` names (style them with `::part(...)`)
 * | markdown                | element(s)                                                  | part |
 * | ----------------------- | ----------------------------------------------------------- | ---- |
 * | paragraph               | `p`                                                         | `md-paragraph` |
 * | `#`…`######` heading    | `h1`…`h6`                                                   | `md-heading md-h1` … `md-heading md-h6` |
 * | fenced / indented code  | `div` > (`div` > `span`?, `button`), `pre` > `code`         | `md-code-block` > (`code-header` > `code-language`, `copy-button`), `md-pre` > `md-code` |
 * | `` `inline code` ``     | `code`                                                      | `md-code-inline` |
 * | `*em*` `**strong**` `~~strike~~` | `em` `strong` `del`                                | `md-em` `md-strong` `md-strike` |
 * | link (allowed URL)      | `a href target=_blank rel="noopener noreferrer"`            | `md-link` |
 * | link (refused URL)      | `a` without `href` (inert) followed by the text ` (url)`    | `md-link-rejected` |
 * | `[text]` without `(url)`| `a` without `href` or `part`, between literal `[` and `]`   | – |
 * | image, not loaded       | `a href` (http/https) with the text `Image: alt`            | `md-image-link` |
 * | image, loaded           | `img src alt loading=lazy decoding=async referrerpolicy=no-referrer` | `md-image` |
 * | block quote             | `blockquote`                                                | `md-blockquote` |
 * | lists                   | `ul` / `ol start?` > `li`                                   | `md-list md-ul` / `md-list md-ol` > `md-list-item` |
 * | task item `- [x]`       | `input type=checkbox disabled checked?`                     | `md-task-checkbox` |
 * | table                   | `table` > `tr` > `th` (first row) / `td`                    | `md-table` > `md-tr` > `md-th` / `md-td` |
 * | `---`                   | `hr`                                                        | `md-rule` |
 * | line break              | `br`                                                        | – |
 * | `$x$` / `$$x$$` (TeX)   | `code` / `pre`, as plain text (no math rendering)           | `md-equation` / `md-equation-block` |
 *
 * For wide tables: `::part(md-table) { display: block; overflow-x: auto }`.
 * The language label and the Copy button are ordinary text: hosts that let users
 * select a whole reply may want `::part(code-header) { user-select: none }`.
 *
 * ## URL policy
 * A URL is parsed with `new URL(url)` (no base) and judged by its `.protocol`;
 * what is set is the parser's normalized `.href`, with `setAttribute`.
 * - Links (`[text](url)` and bare `http(s)://…`): `http:`, `https:`, `mailto:`.
 *   Anything else — `javascript:`, `data:`, `vbscript:`, `file:`, obfuscations of
 *   them, and every relative or protocol-relative URL (which fail to parse without
 *   a base: the host page's paths mean nothing for model output) — stays text:
 *   the link text, then ` (url)` with the URL exactly as written, so the reader
 *   sees what the model wrote.
 * - Images (`![alt](url)`): by default nothing is loaded; an `http:`/`https:` image
 *   becomes a link reading `Image: alt`, any other one the text `Image: alt`.
 *   With `allowImages`, `https:` images load as `<img>`; `http:` ones stay links.
 * - HTML entities are not decoded (smd does not decode them, and neither does
 *   `setAttribute`): `&#106;avascript:` is literal text and not a valid URL.
 * - Raw HTML is never interpreted; smd only turns `<br>`/`<br/>` into a line break.
 *
 * ## Streaming
 * Rendered nodes are never rebuilt or replaced (a selection survives the stream);
 * `write` costs work proportional to its argument. After `end()`, the DOM is the
 * same as for one `write(wholeText)` + `end()`, however the text was split.
 * Where smd needed help for that (see the comments marked "smd:") it is done here:
 * - CR LF and lone CR become LF (smd treats `\r` as text, so `\r\n\r\n` was no
 *   paragraph break), also when a delta ends between the CR and the LF.
 * - smd flushes its buffered text to the renderer at the end of every
 *   `parser_write`, but in a few malformed constructs (mostly a `|` line that is no
 *   table) it opens or closes tokens while text is buffered, so the same text
 *   landed in a different element depending on where a delta ended. The renderer
 *   flushes smd's buffer itself before every token change, which makes the place
 *   of every piece of text independent of the split.
 * - Text smd emits where only blocks belong (document, quote, list, table) goes
 *   into an implicit `<p part="md-paragraph">` (after the table, for tables).
 * - A link or image still open at `end()` is shown as the literal text it was
 *   (smd keeps an unterminated `](url` buffered forever).
 * While streaming: smd looks one character ahead, so the last character of a
 * write usually shows with the next write (or `end()`); a link's text shows at
 * once and the link gets its `href` when its `)` arrives; an image shows when
 * its `)` arrives (its alt text is not streamed).
 *
 * ## smd limitations (not worked around)
 * A link URL ends at the first `)` (`…/Foo_(bar))` keeps a `)` outside) and link
 * text at the first `]` (`[a [b] c](u)` stays text); an unterminated `](`
 * swallows what follows until a `)` (shown as text by the policy above);
 * `$…$` can span lines; a bare URL is linked only after a space or at a line
 * start; list items hold a single paragraph; a fence inside a quote keeps its
 * `> ` prefixes; tables need the delimiter row and ignore column alignment.
 */
import {
  parser,
  parser_write,
  parser_end,
  DOCUMENT,
  BLOCKQUOTE,
  CODE_BLOCK,
  CODE_FENCE,
  CODE_INLINE,
  EQUATION_BLOCK,
  EQUATION_INLINE,
  HEADING_1,
  HEADING_6,
  IMAGE,
  ITALIC_AST,
  ITALIC_UND,
  LINE_BREAK,
  LINK,
  LIST_ITEM,
  LIST_ORDERED,
  LIST_UNORDERED,
  PARAGRAPH,
  RAW_URL,
  RULE,
  STRIKE,
  STRONG_AST,
  STRONG_UND,
  TABLE,
  TABLE_CELL,
  TABLE_ROW,
  CHECKBOX,
  HREF,
  SRC,
  LANG,
  CHECKED,
  START,
} from 'streaming-markdown';
import type { Attr, Parser, Token } from 'streaming-markdown';

export interface MarkdownOptions {
  /** Load https: images (as <img>) instead of showing them as links. Default false. */
  allowImages?: boolean;
}

export interface MarkdownStream {
  /** Feed the next piece of text; cost proportional to the piece, not to the text so far. */
  write(delta: string): void;
  /** Flush: the stream is complete. Idempotent. */
  end(): void;
}

/** One open token. */
interface Frame {
  /** token type */
  t: number;
  /** element that receives children and text */
  e: HTMLElement;
  /** no text here: text and inline children go to an implicit paragraph `o` */
  n?: boolean;
  o?: HTMLElement;
  /** table, row: the table (the implicit paragraph goes after it) */
  w?: HTMLElement;
  /** table: rows so far; row: its index */
  r?: number;
  /** code: its header (for the language label) */
  h?: HTMLElement;
  /** link / image: the URL as written; whether a link's URL was accepted */
  u?: string;
  ok?: boolean;
  /** image: alt text */
  a?: string;
}

const LINK_PROTOCOL = /^(https?|mailto):$/;
const IMAGE_LINK_PROTOCOL = /^https?:$/;
const COPY_RESET_MS = 1500;

/** The normalized URL if it parses without a base and its scheme matches. */
function safeUrl(url: string, protocol: RegExp): string | undefined {
  try {
    const u = new URL(url);
    if (protocol.test(u.protocol)) return u.href;
  } catch {
    // relative, protocol-relative or malformed: not a link
  }
  return undefined;
}

function h(tag: string, part?: string): HTMLElement {
  const e = document.createElement(tag);
  if (part) e.setAttribute('part', part);
  return e;
}

const text = (s: string) => document.createTextNode(s);

function linkTo(a: HTMLElement, href: string, part: string): HTMLElement {
  a.setAttribute('href', href);
  a.setAttribute('target', '_blank');
  a.setAttribute('rel', 'noopener noreferrer');
  a.setAttribute('part', part);
  return a;
}

/**
 * Element by token type: "tag part…"; a "!" before the tag: block-only (text and
 * inline elements go into an implicit paragraph). Headings, code blocks, images
 * and header cells are built in `addToken`; unknown (newer) tokens become `span`.
 */
const TAGS: Record<number, string> = {
  [PARAGRAPH]: 'p md-paragraph',
  [CODE_INLINE]: 'code md-code-inline',
  [ITALIC_AST]: 'em md-em',
  [ITALIC_UND]: 'em md-em',
  [STRONG_AST]: 'strong md-strong',
  [STRONG_UND]: 'strong md-strong',
  [STRIKE]: 'del md-strike',
  [LINK]: 'a',
  [RAW_URL]: 'a',
  [BLOCKQUOTE]: '!blockquote md-blockquote',
  [LINE_BREAK]: 'br',
  [RULE]: 'hr md-rule',
  [LIST_UNORDERED]: '!ul md-list md-ul',
  [LIST_ORDERED]: '!ol md-list md-ol',
  [LIST_ITEM]: 'li md-list-item',
  [CHECKBOX]: 'input md-task-checkbox',
  [TABLE]: '!table md-table',
  [TABLE_ROW]: '!tr md-tr',
  [TABLE_CELL]: 'td md-td',
  [EQUATION_BLOCK]: 'pre md-equation-block',
  [EQUATION_INLINE]: 'code md-equation',
};

/** Inline tokens: in a block-only parent they go into the implicit paragraph. */
const isInline = (t: number) => (t >= CODE_INLINE && t <= IMAGE) || t === LINE_BREAK || t === CHECKBOX || t === EQUATION_INLINE;

/** Renders streamed markdown into `container` (which it owns: it appends children; the caller clears it to restart). */
export function renderMarkdownInto(container: HTMLElement, options: MarkdownOptions = {}): MarkdownStream {
  const stack: Frame[] = [{ t: DOCUMENT, e: container, n: true }];
  const top = () => stack[stack.length - 1];
  let done = false;
  let cr = false;

  /** Where text and inline elements go in the current token. */
  const host = (): HTMLElement => {
    const f = top();
    if (!f.n) return f.e;
    if (!f.o) (f.w ? f.w.parentNode! : f.e).appendChild((f.o = h('p', 'md-paragraph')));
    return f.o;
  };

  const addText = (s: string) => {
    const f = top();
    if (f.t === IMAGE) f.a += s;
    else host().appendChild(text(s));
  };

  // smd: text it has buffered belongs where it was read, i.e. in the current
  // token; flushing it before any token change makes that independent of where
  // the deltas were split (smd itself flushes at the end of every write).
  const flush = () => {
    if (p.text) {
      addText(p.text);
      p.text = '';
    }
  };

  const addToken = (type: Token) => {
    flush();
    const parent = top();
    const f: Frame = { t: type, e: parent.e };
    const inline = isInline(type);
    // a block ends the implicit paragraph of a block-only parent
    if (!inline) parent.o = undefined;
    if (type === CODE_BLOCK || type === CODE_FENCE) {
      const wrap = h('div', 'md-code-block');
      const head = (f.h = h('div', 'code-header'));
      const button = h('button', 'copy-button');
      button.setAttribute('type', 'button');
      const pre = h('pre', 'md-pre');
      const code = (f.e = h('code', 'md-code'));
      let timer: ReturnType<typeof setTimeout>;
      const say = (label: string) => {
        button.textContent = label;
        clearTimeout(timer);
        timer = setTimeout(() => (button.textContent = 'Copy'), COPY_RESET_MS);
      };
      say('Copy');
      button.addEventListener('click', () =>
        // writeText is called within the click (Safari wants the user gesture);
        // a missing navigator.clipboard throws here and becomes the rejection
        new Promise<void>((resolve, reject) => {
          navigator.clipboard.writeText(code.textContent!).then(resolve, reject);
        }).then(
          () => say('Copied'),
          () => say('Copy failed'),
        ),
      );
      head.appendChild(button);
      pre.appendChild(code);
      wrap.append(head, pre);
      parent.e.appendChild(wrap);
    } else if (type === IMAGE) {
      // built when its URL is known; until then its text is the alt text
      f.e = host();
      f.a = '';
    } else {
      let spec = TAGS[type] ?? 'span';
      if (type >= HEADING_1 && type <= HEADING_6) {
        const level = type - HEADING_1 + 1;
        spec = `h${level} md-heading md-h${level}`;
      }
      if (type === TABLE_CELL && parent.r === 0) spec = 'th md-th';
      const [tag, ...part] = spec.split(' ');
      f.n = tag[0] === '!';
      const node = (f.e = h(tag.slice(+f.n), part.join(' ')));
      if (type === CHECKBOX) {
        node.setAttribute('type', 'checkbox');
        node.setAttribute('disabled', '');
      } else if (type === TABLE) {
        f.w = node;
        f.r = 0;
      } else if (type === TABLE_ROW && parent.t === TABLE) {
        // rows go straight into the table (th cells mark the header row)
        f.w = parent.w;
        f.r = parent.r!++;
      }
      (inline ? host() : parent.e).appendChild(node);
    }
    stack.push(f);
  };

  /** A token ended (or was still open at `end()`). */
  const finish = (f: Frame, atEnd?: boolean) => {
    const e = f.e;
    if (f.t === LINK || f.t === RAW_URL) {
      if (f.u === undefined) {
        // `[text]` not followed by `(`, or cut off at the end: smd dropped the brackets
        if (f.t === LINK) {
          e.before('[');
          if (!atEnd) e.after(']');
        }
      } else if (!f.ok) {
        e.setAttribute('part', 'md-link-rejected');
        if (f.t === LINK) e.after(` (${f.u})`);
      }
    } else if (f.t === IMAGE) {
      const alt = f.a!;
      const label = 'Image: ' + alt;
      const src = f.u === undefined ? undefined : safeUrl(f.u, IMAGE_LINK_PROTOCOL);
      let el: Node;
      if (f.u === undefined) el = text(`![${alt}` + (atEnd ? '' : ']'));
      else if (src && options.allowImages && src.startsWith('https:')) {
        const img = h('img', 'md-image');
        img.setAttribute('alt', alt);
        img.setAttribute('loading', 'lazy');
        img.setAttribute('decoding', 'async');
        img.setAttribute('referrerpolicy', 'no-referrer');
        img.setAttribute('src', src); // last: the request starts here
        el = img;
      } else if (src && !stack.some((g) => g.t === LINK)) {
        // (no link inside a link)
        el = linkTo(h('a'), src, 'md-image-link');
        el.appendChild(text(label));
      } else el = text(label);
      host().appendChild(el);
    }
  };

  const endToken = () => {
    flush();
    if (stack.length > 1) finish(stack.pop()!);
  };

  const p: Parser = parser({
    data: null,
    add_token: (_: unknown, type: Token) => addToken(type),
    end_token: endToken,
    add_text: (_: unknown, s: string) => addText(s),
    set_attr: (_: unknown, type: Attr, value: string) => {
      const f = top();
      switch (type) {
        case HREF: {
          if (f.t !== LINK && f.t !== RAW_URL) break;
          f.u = value;
          // a title (`[a](url "title")`) is not part of the URL
          let url = value.replace(/\s+("[^"]*"|'[^']*')\s*$/, '');
          if (f.t === RAW_URL) {
            // a bare URL runs to the next space: keep trailing punctuation out of the href
            for (let c; (c = url.slice(-1)) && ('.,:;!?\'"*>'.includes(c) || (c === ')' && !url.includes('(')));) url = url.slice(0, -1);
          }
          const href = safeUrl(url, LINK_PROTOCOL);
          if ((f.ok = !!href)) linkTo(f.e, href!, 'md-link');
          break;
        }
        case SRC:
          if (f.t === IMAGE) f.u = value;
          break;
        case LANG: {
          // the whole info string, as text ("python title=x.py" stays that)
          const lang = value.trim();
          if (lang && f.h) {
            const label = h('span', 'code-language');
            label.appendChild(text(lang));
            f.h.prepend(label);
          }
          break;
        }
        case CHECKED:
          if (f.t === CHECKBOX) f.e.setAttribute('checked', '');
          break;
        case START:
          if (f.t === LIST_ORDERED && /^\d{1,9}$/.test(value)) f.e.setAttribute('start', String(+value));
          break;
      }
    },
  });

  return {
    write(delta: string) {
      if (done || !delta) return;
      // smd: it has no notion of CR; a CR LF split across deltas is one newline
      if (cr && delta[0] === '\n') delta = delta.slice(1);
      cr = delta.endsWith('\r');
      parser_write(p, delta.replace(/\r\n?/g, '\n'));
    },
    end() {
      if (done) return;
      done = true;
      const held = p.pending;
      parser_end(p);
      flush();
      // smd: an unterminated `](url` stays in its buffer forever; show it as
      // text: after the link, or in the image's text ("![alt](url")
      let rest = held && p.pending === held + '\n' ? held : '';
      if (rest && top().t !== LINK) {
        addText(rest);
        rest = '';
      }
      while (stack.length > 1) {
        finish(stack.pop()!, true);
        if (rest) {
          addText(rest);
          rest = '';
        }
      }
    },
  };
}
