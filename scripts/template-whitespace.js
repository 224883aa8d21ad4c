// Drops the indentation in our Lit templates (html`…` and the like), keeping each line break: they ship
// as strings, and rendered HTML treats a run of white space like one space. Left alone: every
// piece of template text from the one that opens a <pre> to the one that closes it (white space shows
// there), and every ${} expression (only the template's own text changes). Used by vite.config.ts for
// the script-tag bundles.
import ts from 'typescript';

/** Tags of our Lit templates (messageTemplate is the scoped <chat-message> tag of src/components/message-element.ts). */
export const TEMPLATE_TAGS = new Set(['html', 'svg', 'svgTemplate', 'messageTemplate']);

/**
 * `code` with its templates' white space collapsed, or undefined when nothing changed.
 * @param {string} code @param {string} fileName
 * @returns {string | undefined}
 */
export function collapseTemplateWhitespace(code, fileName) {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  /** @param {[ts.Node, number, number][]} parts each literal part, with the lengths of its delimiters */
  const collapseParts = (parts) => {
    let inPre = false; // a <pre> opened in an earlier part of this template and not closed yet
    for (const [literal, open, close] of parts) {
      const start = literal.getStart(source) + open;
      const end = literal.getEnd() - close;
      const text = code.slice(start, end);
      const opens = text.lastIndexOf('<pre');
      const closes = text.lastIndexOf('</pre>');
      if (!inPre && opens < 0 && closes < 0) {
        // Each line break stays (only the indentation around it goes), so every line keeps its number
        // and the build's source map, which this step does not rewrite, still points at the right file.
        const collapsed = text.replace(/[ \t]*\n\s*/g, (run) => '\n'.repeat(run.split('\n').length - 1));
        if (collapsed !== text) edits.push({ start, end, text: collapsed });
      }
      if (opens > closes) inPre = true;
      else if (closes >= 0) inPre = false;
    }
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TEMPLATE_TAGS.has(node.tag.text)) {
      const template = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) collapseParts([[template, 1, 1]]);
      else {
        // `…${   }…${   }…`
        collapseParts([
          [template.head, 1, 2],
          ...template.templateSpans.map((span) => [span.literal, 1, ts.isTemplateTail(span.literal) ? 1 : 2]),
        ]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!edits.length) return undefined;
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}
