// The shape every contender module's default export has (JSDoc only; nothing runs here).
/**
 * @typedef {object} Contender
 * @property {string} streamPath part of the stream request's URL (to find its resource timing)
 * @property {boolean} needsHistoryData whether mount() takes the history as data (else it loads it itself)
 * @property {(options: { historyCount?: number, history?: { role: string, text: string }[] }) => Promise<void>} mount
 * @property {(text: string) => Promise<void>} send resolves once the whole reply is rendered
 * @property {(count: number) => Promise<void>} rendered resolves once `count` messages are rendered
 * @property {() => Element | null | undefined} lastReply where the last reply is rendered
 * @property {() => number} messageCount
 * @property {() => HTMLElement} scroller the element that scrolls the conversation
 */
export {};
