// @ts-check
/**
 * The browser-side tools of the demo page (no arguments), for both protocols: which ones a message asks for,
 * and the answer the mock builds from what they returned. Agents turns call them as client tools
 * (./agents/scenarios.js), Responses as function tools (./responses/scenarios.js).
 */

export const LOCAL_TIME_TOOL = 'get_local_time';
export const PAGE_TITLE_TOOL = 'get_page_title';

/**
 * The browser tools a message asks for: the whole word "time" → `get_local_time`, "title" → `get_page_title`
 * (case-insensitive; time first when both occur).
 * @param {string} text
 * @returns {string[]}
 */
export function browserToolsAskedFor(text) {
  const t = text.toLowerCase();
  return [/\btime\b/.test(t) && LOCAL_TIME_TOOL, /\btitle\b/.test(t) && PAGE_TITLE_TOOL].filter((n) => typeof n === 'string');
}

/** A tool output as one line of markdown-safe text. @param {string} s */
const inlineMd = (s) =>
  s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_]/g, (c) => `\\${c}`) || '(nothing)';

/**
 * The answer built from what the browser tools returned (both protocols use it).
 * @param {{ time?: string, title?: string }} outputs
 * @returns {string}
 */
export function browserToolAnswer({ time, title }) {
  if (time !== undefined && title !== undefined) return `It is **${inlineMd(time)}** for you, and you are reading *${inlineMd(title)}*.`;
  if (time !== undefined) return `It is **${inlineMd(time)}** for you.`;
  return `You are reading *${inlineMd(title ?? '')}*.`;
}
