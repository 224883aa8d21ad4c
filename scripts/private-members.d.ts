/** See private-members.js. */
export function privateMembers(root: string): { mangled: string[]; kept: string[] };
/** The bundled libraries whose internal member names are shortened too. */
export const INTERNALS_OF: readonly { pkg: string; file: string; pattern: RegExp }[];
