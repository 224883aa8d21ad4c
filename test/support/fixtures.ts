/** Test helpers for the recorded Llama Stack 0.3.5 transcripts in test/fixtures. */

export interface TranscriptExpectation {
  scenario: string;
  expected_final_text: string | null;
  expected_tool_calls: Array<{ call_id: string; tool_name: string; arguments: string }>;
  ends_with: string;
  turn_id: string;
}

const fixtureUrl = (name: string) => new URL(`../fixtures/llama-stack-0.3.5/${name}`, import.meta.url);

export async function loadTranscript(name: string): Promise<{ body: string; expected: TranscriptExpectation }> {
  const [body, expected] = await Promise.all([
    fetch(fixtureUrl(`${name}.sse`)).then((r) => r.text()),
    fetch(fixtureUrl(`${name}.json`)).then((r) => r.json() as Promise<TranscriptExpectation>),
  ]);
  return { body, expected };
}

/** The `data:` payloads of an SSE body, parsed as JSON (Llama Stack writes one `data:` line per event). */
export function sseData(body: string): unknown[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((block) => block.split(/\r?\n/).filter((line) => line.startsWith('data:')).map((line) => line.replace(/^data: ?/, '')).join('\n'))
    .filter(Boolean)
    .map((data) => JSON.parse(data) as unknown);
}
