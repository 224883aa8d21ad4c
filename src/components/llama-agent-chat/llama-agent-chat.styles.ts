import { css } from 'lit';

/*
 * Both palettes live in the fallbacks, as light-dark(light, dark): `color-scheme` picks one (theme
 * attribute, or the reader's preference for `auto`), and a host that sets a --llama-chat-* property
 * overrides it in both themes (or per theme, with its own light-dark()).
 *
 * Robust against the host page's global CSS: the page's `*` rules reach the host element itself (and
 * beat :host rules) and inherited properties flow in, so the host carries no border, padding or colour
 * of its own; the panel (.container) sets what the page could have changed.
 */
export const llamaAgentChatStyles = css`
  :host {
    display: block;
    height: var(--llama-chat-height, 32rem);
    font: var(--llama-chat-font, inherit);
    color-scheme: light dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  [hidden] {
    display: none !important;
  }
  .container {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    height: 100%;
    color: var(--llama-chat-fg, light-dark(#1a1a1a, #e8eaed));
    background: var(--llama-chat-bg, light-dark(#fff, #1b1d21));
    border: var(--llama-chat-border, 1px solid light-dark(#d0d4d9, #4a5058));
    border-radius: var(--llama-chat-radius, 0.75rem);
    overflow: hidden;
    line-height: var(--llama-chat-line-height, 1.5);
    text-align: start;
    text-indent: 0;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    visibility: visible;
  }
  .container *,
  .container *::before,
  .container *::after {
    box-sizing: border-box;
  }
  .notice {
    margin: 0;
    padding: 0.5rem 0.75rem;
    background: var(--llama-chat-notice-bg, light-dark(#fff4d6, #3d3215));
    color: var(--llama-chat-notice-fg, light-dark(#4d3800, #ffe8a3));
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
  }
  .composer {
    display: flex;
    gap: 0.5rem;
    padding: 0.5rem;
    border-top: var(--llama-chat-border, 1px solid light-dark(#d0d4d9, #4a5058));
  }
  textarea {
    flex: 1;
    min-width: 0;
    resize: none;
    min-height: 2.5rem;
    max-height: 10rem;
    margin: 0;
    padding: 0.5rem;
    font: inherit;
    color: inherit;
    background: var(--llama-chat-input-bg, transparent);
    border: 1px solid var(--llama-chat-input-border, light-dark(#767d86, #8a919a));
    border-radius: calc(var(--llama-chat-radius, 0.75rem) / 2);
    field-sizing: content;
  }
  textarea::placeholder {
    color: inherit;
    opacity: 0.7;
  }
  button {
    font: inherit;
    margin: 0;
    padding: 0.5rem 1rem;
    border: none;
    border-radius: calc(var(--llama-chat-radius, 0.75rem) / 2);
    background: var(--llama-chat-accent, light-dark(#1f5fbf, #8ab4f8));
    color: var(--llama-chat-accent-fg, light-dark(#fff, #10243f));
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--llama-chat-focus, light-dark(#1f5fbf, #8ab4f8));
    outline-offset: 2px;
  }
  .retry {
    align-self: flex-start;
  }
`;

/* The header, the empty state and bubble mode. */
export const llamaAgentChatLayoutStyles = css`
  .header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-bottom: var(--llama-chat-border, 1px solid light-dark(#d0d4d9, #4a5058));
  }
  .header slot {
    display: block;
    flex: 1;
    min-width: 0;
  }
  .title {
    margin: 0;
    font-size: 1em;
  }
  .header button,
  .empty button {
    padding: 0.25rem 0.625rem;
    color: inherit;
    background: transparent;
    border: 1px solid var(--llama-chat-input-border, light-dark(#767d86, #8a919a));
  }
  .close {
    display: grid;
    padding: 0.25rem !important;
  }
  .empty {
    margin: auto 0 0;
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .launcher {
    position: fixed;
    z-index: var(--llama-chat-z-index, 2147483000);
    bottom: 1rem;
    right: 1rem;
    display: grid;
    place-items: center;
    width: 3.5rem;
    height: 3.5rem;
    padding: 0;
    border-radius: 50%;
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.3);
  }
  .badge {
    position: absolute;
    top: 0;
    right: 0;
    width: 0.875rem;
    height: 0.875rem;
    border-radius: 50%;
    border: 2px solid var(--llama-chat-accent-fg, light-dark(#fff, #10243f));
    background: var(--llama-chat-badge-bg, light-dark(#c5221f, #ff8a80));
  }
  :host([mode='bubble']) {
    height: 0;
  }
  :host([mode='bubble']) .container {
    position: fixed;
    z-index: var(--llama-chat-z-index, 2147483000);
    bottom: 5.5rem;
    right: 1rem;
    width: min(var(--llama-chat-panel-width, 24rem), calc(100vw - 2rem));
    height: min(var(--llama-chat-height, 36rem), calc(100vh - 7rem));
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }
  :host([position='bottom-left']) .container,
  :host([position='bottom-left']) .launcher {
    right: auto;
    left: 1rem;
  }
  @media (max-width: 480px) {
    :host([mode='bubble']) .container {
      inset: 0;
      width: auto;
      height: auto;
      border: none;
      border-radius: 0;
    }
  }
`;
