/** See template-whitespace.js. */
export const TEMPLATE_TAGS: Set<string>;
export function collapseTemplateWhitespace(code: string, fileName: string): string | undefined;
