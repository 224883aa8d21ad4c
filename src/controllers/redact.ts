/**
 * `text` with every secret the host gave in `headers` blanked out: a server or proxy may echo a token
 * in an error body, and what the widget shows, emits or logs must never carry it. Both the whole
 * header value and the token after its scheme (`Bearer …`) count; values under 8 characters are too
 * likely to be ordinary words.
 */
export function redactSecrets(text: string, headers: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(headers)) {
    for (const secret of [value, value.replace(/^\s*(Bearer|Basic|Token)\s+/i, '')]) {
      if (secret.trim().length >= 8) out = out.split(secret).join('[redacted]');
    }
  }
  return out;
}
