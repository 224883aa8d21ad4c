/**
 * Where the element each message is rendered as (<chat-message>) is registered, so that the widget
 * neither breaks nor is broken by a page that has its own `chat-message`.
 *
 * - Engines with scoped custom element registries (Chromium 146+ today): <chat-message> is defined
 *   only in a registry of the widget's own, attached to each widget's shadow root. The page's global
 *   registry is never touched, whatever the load order.
 * - Other engines (Firefox, WebKitGTK here): the global registry is the only one. The widget takes
 *   `chat-message` when it is free; when the page already defined it, the messages are rendered as
 *   <llama-agent-chat-message> instead, and one console.warn says so. A page that defines its own
 *   `chat-message` after the widget loaded still finds the name taken: in those engines that cannot
 *   be helped without renaming the element for everyone.
 */
import { html, type TemplateResult } from 'lit';

export const MESSAGE_TAG = 'chat-message';
export const FALLBACK_MESSAGE_TAG = 'llama-agent-chat-message';

export interface MessageElementScope {
  /** The tag each message is rendered as. */
  readonly tag: string;
  /** The widget's own registry, where the engine supports scoped registries. */
  readonly registry?: CustomElementRegistry;
}

/** A registry of our own, or undefined where the engine throws "Illegal constructor". */
function newScopedRegistry(): CustomElementRegistry | undefined {
  try {
    return new CustomElementRegistry();
  } catch {
    return undefined;
  }
}

/** Registers `element` for the widget's messages, as described above. Call once per page. */
export function registerMessageElement(element: CustomElementConstructor): MessageElementScope {
  const registry = newScopedRegistry();
  if (registry) {
    registry.define(MESSAGE_TAG, element);
    return { tag: MESSAGE_TAG, registry };
  }
  const owner = customElements.get(MESSAGE_TAG);
  if (!owner) customElements.define(MESSAGE_TAG, element);
  if (!owner || owner === element) return { tag: MESSAGE_TAG };
  console.warn(
    `[llama-agent-chat] This page defines its own <${MESSAGE_TAG}> and this browser has no scoped custom element ` +
      `registries, so the chat renders its messages as <${FALLBACK_MESSAGE_TAG}>.`,
  );
  if (!customElements.get(FALLBACK_MESSAGE_TAG)) customElements.define(FALLBACK_MESSAGE_TAG, element);
  return { tag: FALLBACK_MESSAGE_TAG };
}

/**
 * For LitElement's `renderOptions.creationScope`: Lit clones every template through `importNode`,
 * and a clone made by `document.importNode` alone would upgrade against the global registry.
 */
export function scopedCreation(registry: CustomElementRegistry) {
  return { importNode: (node: Node, deep = true) => document.importNode(node, { customElementRegistry: registry, selfOnly: !deep }) };
}

const retagged = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/**
 * `html` for a template that contains <chat-message>, rendering it as `tag` instead. The rewritten
 * strings are made once per template (Lit caches templates by the strings' identity) and carry
 * `raw`, which Lit requires of a template strings array.
 */
export function messageHtml(tag: string) {
  return (strings: TemplateStringsArray, ...values: unknown[]): TemplateResult => {
    if (tag === MESSAGE_TAG) return html(strings, ...values);
    let renamed = retagged.get(strings);
    if (!renamed) {
      const parts = strings.map((s) => s.replace(/(<\/?)chat-message\b/g, `$1${tag}`));
      renamed = Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray;
      retagged.set(strings, renamed);
    }
    return html(renamed, ...values);
  };
}
