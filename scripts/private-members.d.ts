/** See private-members.js. */
export function privateMembers(root: string): { mangled: string[]; kept: string[] };
/** streaming-markdown's parser-state fields, shortened too. */
export const PARSER_STATE: readonly string[];
