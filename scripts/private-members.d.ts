/** See private-members.js. */
export function privateMembers(root: string): { mangled: string[]; kept: string[] };
