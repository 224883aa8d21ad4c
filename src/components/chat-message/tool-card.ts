/**
 * One tool call as a card: name, state, arguments (pretty-printed once they are complete) and the
 * result, collapsed. A template function, not an element: it renders inside <chat-message>'s shadow
 * root, so its parts are that element's parts. All server text is bound as text.
 */
import { html, nothing } from 'lit';
import type { ToolCallView } from '../../state/conversation.js';

const STATUS_LABEL: Record<ToolCallView['status'], string> = {
  streaming: 'Calling',
  called: 'Called',
  done: 'Used',
  error: 'Failed',
};

/** JSON text (or an object's JSON) pretty-printed; anything else as it is. */
export function prettyJson(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

export function renderToolCard(call: ToolCallView) {
  const streaming = call.status === 'streaming';
  const name = call.toolName || 'a tool';
  return html`<li part="tool-card tool-card-${call.status}" class="tool-card">
    <div part="tool-header" class="tool-header">
      <span part="tool-status">${STATUS_LABEL[call.status]}</span>
      <strong part="tool-name">${name}</strong>${streaming ? '…' : nothing}
    </div>
    ${call.arguments
      ? html`<pre part="tool-arguments" class="tool-arguments">${streaming || !call.parsed ? call.arguments : prettyJson(call.arguments)}</pre>`
      : nothing}
    ${call.parsed ? nothing : html`<p part="tool-note" class="tool-note">The server could not parse this tool call; this is the model’s raw text.</p>`}
    ${call.result === undefined
      ? nothing
      : html`<details part="tool-result" class="tool-result">
          <summary part="tool-result-summary">${call.status === 'error' ? 'Error' : 'Result'}</summary>
          <pre part="tool-result-text">${prettyJson(call.result)}</pre>
        </details>`}
  </li>`;
}
