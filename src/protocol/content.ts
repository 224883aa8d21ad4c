/**
 * Llama Stack message content is a string, one content item, or a list of items
 * (`{type:'text',text}` / `{type:'image',image:{url:{uri}}|{data}}`). We show it as text;
 * images become markdown image references so a later renderer can decide how to show them.
 */
export function contentToText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(contentToText).join('');
  if (content && typeof content === 'object') {
    const item = content as { type?: unknown; text?: unknown; image?: { url?: { uri?: unknown }; data?: unknown } };
    if (item.type === 'text' && typeof item.text === 'string') return item.text;
    if (item.type === 'image') {
      const uri = item.image?.url?.uri;
      return typeof uri === 'string' ? `![image](${uri})` : '[image]';
    }
  }
  return '';
}
