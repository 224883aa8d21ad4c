/** Test helpers for the recorded Llama Stack 0.3.5 and OGX 0.8.0 transcripts in test/fixtures. */

export interface TranscriptExpectation {
  scenario: string;
  expected_final_text: string | null;
  expected_tool_calls: Array<{ call_id: string; tool_name: string; arguments: string }>;
  ends_with: string;
  turn_id: string;
}

export interface OgxExpectation {
  scenario: string;
  expected_final_text: string | null;
  /** A list, or (in some recordings) that list as a JSON string. */
  expected_tool_calls: unknown;
  terminal_event: string;
}

const fixtureUrl = (dir: string, name: string) => new URL(`../fixtures/${dir}/${name}`, import.meta.url);

async function load<T>(dir: string, name: string): Promise<{ body: string; expected: T }> {
  const [body, expected] = await Promise.all([
    fetch(fixtureUrl(dir, `${name}.sse`)).then((r) => r.text()),
    fetch(fixtureUrl(dir, `${name}.json`)).then((r) => r.json() as Promise<T>),
  ]);
  return { body, expected };
}

/** A recorded Llama Stack 0.3.5 Agents API turn. */
export const loadTranscript = (name: string) => load<TranscriptExpectation>('llama-stack-0.3.5', name);
/** A recorded OGX 0.8.0 Responses API stream. */
export const loadOgxTranscript = (name: string) => load<OgxExpectation>('ogx-0.8.0', name);

/** The `data:` payloads of an SSE body, parsed as JSON (Llama Stack writes one `data:` line per event). */
export function sseData(body: string): unknown[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.replace(/^data: ?/, ''))
        .join('\n'),
    )
    .filter(Boolean)
    .map((data) => JSON.parse(data) as unknown);
}
