/** Shared by the two load-order tests (each runs in a page of its own, so each has a fresh registry). */
import { expect } from '@open-wc/testing';

/** True where the engine ships scoped custom element registries (Chromium 146+ today). */
export const engineHasScopedRegistries = (() => {
  try {
    new CustomElementRegistry();
    return true;
  } catch {
    return false;
  }
})();

/** A page's own, unrelated `chat-message`: it marks itself so a stray upgrade is visible. */
export class PagesOwnChatMessage extends HTMLElement {
  connectedCallback(): void {
    this.dataset.owner = 'page';
  }
}

/** Checks that a page-made <chat-message> is the page's element. */
export function expectPageElementIsPages(): void {
  const mine = document.createElement('chat-message');
  document.body.append(mine);
  expect(mine).to.be.instanceOf(PagesOwnChatMessage);
  expect(mine.dataset.owner).to.equal('page');
  mine.remove();
}
