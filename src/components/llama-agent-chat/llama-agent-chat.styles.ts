import { css } from 'lit';

export const llamaAgentChatStyles = css`
  :host {
    display: block;
    height: var(--llama-chat-height, 32rem);
    font: var(--llama-chat-font, 1rem/1.5 system-ui, sans-serif);
    color: var(--llama-chat-fg, #1a1a1a);
    background: var(--llama-chat-bg, #fff);
    border: var(--llama-chat-border, 1px solid #d0d4d9);
    border-radius: var(--llama-chat-radius, 0.75rem);
    overflow: hidden;
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .container {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .notice {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--llama-chat-notice-bg, #fff4d6);
    color: var(--llama-chat-notice-fg, #4d3800);
    font-size: 0.875em;
  }
  .transcript {
    flex: 1;
    overflow-y: auto;
    padding: 0.75rem;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    overscroll-behavior: contain;
  }
  .status {
    margin: 0;
    font-size: 0.875em;
    opacity: 0.8;
  }
  .composer {
    display: flex;
    gap: 0.5rem;
    padding: 0.5rem;
    border-top: var(--llama-chat-border, 1px solid #d0d4d9);
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 2.5rem;
    max-height: 10rem;
    padding: 0.5rem;
    font: inherit;
    color: inherit;
    background: var(--llama-chat-input-bg, transparent);
    border: 1px solid var(--llama-chat-input-border, #a9b0b8);
    border-radius: calc(var(--llama-chat-radius, 0.75rem) / 2);
    field-sizing: content;
  }
  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border: none;
    border-radius: calc(var(--llama-chat-radius, 0.75rem) / 2);
    background: var(--llama-chat-accent, #1f5fbf);
    color: var(--llama-chat-accent-fg, #fff);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--llama-chat-focus, #1f5fbf);
    outline-offset: 2px;
  }
  .retry {
    align-self: flex-start;
  }
`;
