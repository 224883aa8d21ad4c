/**
 * One tool call as a card: name, state, arguments (pretty-printed once they are complete) and the
 * result, collapsed. A template function, not an element: it renders inside <chat-message>'s shadow
 * root, so its parts are that element's parts. All server text is bound as text. The arguments and
 * the result scroll when long, so they take focus: a keyboard can scroll them too.
 */
import { html, nothing } from 'lit';
import type { LlamaChatLabels } from '../../i18n/strings.js';
import type { ToolCallView } from '../../state/conversation.js';

const STATUS_LABEL = {
  streaming: 'toolCalling',
  called: 'toolCalled',
  done: 'toolUsed',
  error: 'toolFailed',
} as const satisfies Record<ToolCallView['status'], keyof LlamaChatLabels>;

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

export function renderToolCard(call: ToolCallView, t: LlamaChatLabels) {
  const streaming = call.status === 'streaming';
  const name = call.toolName || t.aTool;
  return html`<li part="tool-card tool-card-${call.status}" class="tool-card">
    <div part="tool-header" class="tool-header">
      <span part="tool-status">${t[STATUS_LABEL[call.status]]}</span>
      <strong part="tool-name">${name}</strong>${streaming ? '…' : nothing}
    </div>
    ${
      call.arguments
        ? html`<pre part="tool-arguments" class="tool-arguments" tabindex="0">${streaming || !call.parsed ? call.arguments : prettyJson(call.arguments)}</pre>`
        : nothing
    }
    ${call.parsed ? nothing : html`<p part="tool-note" class="tool-note">${t.toolUnparsed}</p>`}
    ${
      call.result === undefined
        ? nothing
        : html`<details part="tool-result" class="tool-result">
          <summary part="tool-result-summary">${call.status === 'error' ? t.toolError : t.toolResult}</summary>
          <pre part="tool-result-text" tabindex="0">${prettyJson(call.result)}</pre>
        </details>`
    }
  </li>`;
}
