import { css } from 'lit';

export const chatMessageStyles = css`
  /* Performance (measured by npm run bench): a message away from the viewport skips style, layout
     and paint, so opening a long conversation lays out only what is near the screen. 'auto' keeps
     each message's last rendered height as its placeholder, so the scrollbar does not jump. */
  :host {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    content-visibility: auto;
    contain-intrinsic-size: auto 4rem;
  }
  :host([sender='user']) {
    align-items: flex-end;
  }
  .bubble {
    box-sizing: border-box;
    max-width: min(100%, var(--llama-chat-bubble-max-width, 42rem));
    padding: 0.5rem 0.75rem;
    border-radius: var(--llama-chat-radius, 0.75rem);
    background: var(--llama-chat-assistant-bg, light-dark(#f1f3f5, #2a2e35));
    color: var(--llama-chat-assistant-fg, inherit);
    overflow-wrap: anywhere;
  }
  :host([sender='user']) .bubble {
    background: var(--llama-chat-user-bg, light-dark(#1f5fbf, #2d5ea8));
    color: var(--llama-chat-user-fg, #fff);
  }
  .text,
  .context-text {
    white-space: pre-wrap;
  }
  .content:empty {
    display: none;
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown [part~='code-header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    margin-top: 0.5rem;
    font-size: 0.8em;
    opacity: 0.85;
  }
  .markdown [part~='copy-button'] {
    font: inherit;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--llama-chat-card-border, light-dark(#d0d4d9, #4a5058));
    border-radius: 0.25rem;
    background: var(--llama-chat-card-bg, light-dark(#fff, #1f2228));
    color: inherit;
    cursor: pointer;
  }
  .markdown pre {
    margin-top: 0.25rem;
    overflow-x: auto;
    padding: 0.5rem;
    border-radius: 0.375rem;
    background: var(--llama-chat-code-bg, light-dark(rgb(0 0 0 / 0.06), rgb(255 255 255 / 0.08)));
  }
  .markdown code {
    font-family: var(--llama-chat-mono-font, ui-monospace, monospace);
    font-size: 0.9em;
  }
  .markdown table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .markdown th,
  .markdown td {
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--llama-chat-card-border, light-dark(#d0d4d9, #4a5058));
  }
  .markdown blockquote {
    margin: 0.5rem 0;
    padding-left: 0.75rem;
    border-left: 3px solid var(--llama-chat-card-border, light-dark(#d0d4d9, #4a5058));
  }
  .markdown img {
    max-width: 100%;
  }
  .markdown a {
    color: var(--llama-chat-link, light-dark(#1f5fbf, #8ab4f8));
  }
  .typing {
    display: inline-flex;
    gap: 0.25rem;
    padding: 0.25rem 0;
  }
  .typing span {
    width: 0.4rem;
    height: 0.4rem;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.4;
    animation: blink 1.2s infinite ease-in-out;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .typing span {
      animation: none;
      opacity: 0.7;
    }
  }
  .tools {
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }
  .tool-card {
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--llama-chat-card-border, light-dark(#d0d4d9, #4a5058));
    border-radius: calc(var(--llama-chat-radius, 0.75rem) / 2);
    background: var(--llama-chat-card-bg, light-dark(#fff, #1f2228));
  }
  .tool-card + .tool-card {
    margin-top: 0.375rem;
  }
  [part~='tool-card-error'] {
    border-color: var(--llama-chat-error-fg, light-dark(#a3000b, #ff8a80));
  }
  .tool-arguments,
  .tool-result pre {
    margin: 0.25rem 0 0;
    max-height: 16rem;
    overflow: auto;
    font-family: var(--llama-chat-mono-font, ui-monospace, monospace);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .tool-note {
    margin: 0.25rem 0 0;
  }
  .tool-result summary,
  .context summary {
    cursor: pointer;
  }
  .context {
    margin: 0 0 0.5rem;
    font-size: 0.875em;
  }
  .safety,
  .note,
  .error {
    margin: 0.5rem 0 0;
    font-size: 0.875em;
  }
  .safety {
    padding: 0.25rem 0.5rem;
    border-left: 3px solid var(--llama-chat-safety-border, light-dark(#b36b00, #e0a030));
  }
  .error {
    color: var(--llama-chat-error-fg, light-dark(#a3000b, #ff8a80));
  }
`;
