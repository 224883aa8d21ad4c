/**
 * The sentences the protocol and controller layers write about failures and notices, as templates.
 * Those layers produce English text (it is also what `llama-chat-error` carries); the element shows it
 * in the reader's language by matching it against these templates and filling the language's own
 * template with the same values. Only locale modules include this file (src/i18n/locale-module.ts):
 * English needs no translating, so the main bundle does without it. The server's own words ({said}) and names ({where}, {tool}, …) are
 * carried over exactly as they came; {reason} and {tail} are our sentences again, translated in turn.
 *
 * Each template must match what src/protocol/errors.ts, src/protocol/responses/normalize.ts and
 * src/controllers/chat-controller.ts write: test/i18n/sentences.test.ts checks it against those
 * functions' real output.
 */
export const sentences = {
  httpAuth: 'The server needs authentication (HTTP {status}). Give the chat an Authorization header through its headers property.{tail}',
  httpNoAgentsApi:
    'This server has no Agents API at this address (HTTP 404). It may be Llama Stack 0.4 or later, which replaced agents with the Responses API.{tail}',
  httpNoConversation: 'The server could not find this conversation (HTTP 404).{tail}',
  httpNoAgentsApiToCreate: 'The server could not find an Agents API to create the agent with (HTTP 404).{tail}',
  httpNoAgent: 'The server could not find this agent (HTTP 404).{tail}',
  httpLimited: 'The server is limiting requests right now (HTTP 429). Try again in a moment.{tail}',
  httpLimitedUntil: 'The server is limiting requests right now (HTTP 429).{tail}',
  httpFailed: 'The server failed while handling the request (HTTP {status}).{tail}',
  httpRejected: 'The server rejected the request (HTTP {status}).{tail}',
  serverSaid: 'The server said: “{said}”{tail}',
  retryAfter: 'It asks to try again after {time}.',
  inBandError: 'The server reported an error: {said}',
  inBandErrorSilent: 'The server reported an error without saying what went wrong.',
  connectionLost: 'The connection to the server was lost before the reply finished.',
  unreachable: 'Could not reach the server at {where}. Check that it is running and that it allows requests from this page (CORS).',
  streamClosed: 'The server closed the connection before the reply finished.{tail}',
  notAnEventStream: 'It answered with {contentType} instead of an event stream.',
  noContentType: 'It answered without a Content-Type, so it may not be an event stream.',
  idle: 'The server sent nothing for {seconds} seconds, so the reply was stopped.',
  cutShortLength: 'The reply was cut short: it reached the length limit.',
  cutShortFilter: 'The reply was cut short by a content filter.',
  cutShortReason: 'The reply was cut short ({said}).',
  cutShort: 'The reply was cut short.',
  youStopped: 'You stopped this reply.',
  switched: 'The conversation was switched before this reply finished.',
  removed: 'The chat was removed from the page before this reply finished.',
  historyFailed: 'The earlier messages could not be loaded. {reason}',
  unknownConversation: 'The server does not know the conversation {where}. It may have ended when the server restarted.',
  startFailed: 'Could not start a conversation. {reason}',
  noConversationId: 'The server did not say which conversation it started.',
  detectFailed: 'Could not tell which API this server speaks. {reason}',
  agentFailed: 'Could not create an agent for the model {where}. {reason}',
  stepLimit: 'The agent stopped at its step limit while waiting for {tool}.',
  missingTool: 'The agent asked for the browser tool {tool}, which this page does not provide.',
  // Configuration hints for the site owner ({names}: attribute names, as written).
  setAttributes: 'Set the {names} attributes to start chatting.',
  setAttribute: 'Set the {names} attribute to start chatting.',
  // The words between attribute names in {names} ("base-url and agent-id (Agents API) or model").
  namesAnd: 'and',
  namesOr: 'or',
  needsModel:
    'This server speaks the Responses API (Llama Stack 0.4 or later, or an OpenAI-compatible server), which needs the model attribute; agent-id is only for the Agents API of Llama Stack 0.3 and older.',
  needsAgent: 'This server speaks the Agents API: set the agent-id attribute (or model, to create an agent).',
};

export type SentenceKey = keyof typeof sentences;
export type Sentences = Record<SentenceKey, string>;
type Table = Partial<Record<SentenceKey, string>>;

/** Values that are our own sentences again, and so are translated too. */
const NESTED = new Set(['reason', 'tail']);

let matchers: { key: SentenceKey; pattern: RegExp; names: string[] }[] | undefined;

function compile() {
  return (Object.keys(sentences) as SentenceKey[]).map((key) => {
    const names: string[] = [];
    const source = sentences[key]
      .split(/(\{\w+\})/)
      .map((piece) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        if (!name) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        // {tail} is an optional trailing sentence after a space; everything else is at least one character.
        // {said} is the server's own text, which may hold our closing quote mark: it takes all it can, and
        // only our own sentence (the Retry-After advice, which has no such mark) is left for the tail.
        if (name === 'tail') return '(?: ([\\s\\S]+))?';
        return name === 'said' ? '([\\s\\S]+)' : '([\\s\\S]+?)';
      })
      .join('');
    return { key, pattern: new RegExp(`^${source}$`), names };
  });
}

/**
 * `text` in the language of `table`, when it is one of our sentences; otherwise `text` unchanged
 * (a server's own message, or a sentence no template knows).
 */
export function translateSentence(text: string, table: Table): string {
  for (const { key, pattern, names } of (matchers ??= compile())) {
    const match = pattern.exec(text);
    if (!match) continue;
    const values: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = match[i + 1] ?? '';
      values[name] = NESTED.has(name) && value ? translateSentence(value, table) : value;
    });
    // Attribute names stay as written; the words between them are the language's.
    values.names &&= values.names.replace(
      / (and|or) /g,
      (_m, word: string) => ` ${table[word === 'and' ? 'namesAnd' : 'namesOr'] ?? word} `,
    );
    return (table[key] ?? sentences[key]).replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'tail' ? (values.tail ? ` ${values.tail}` : '') : (values[name] ?? ''),
    );
  }
  return text;
}
