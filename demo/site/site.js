// The pretend site's script, shared by its two pages: puts the chat bubble on the page, wired to the
// demo backend, with a theme and a language switch that the site remembers across its pages.
import '/src/index.ts';

const LOCALES = ['fr', 'de', 'es', 'ja', 'ar'];
const PREFS = 'demo-site-preferences';

const config = await (await fetch('/demo-config.json')).json();
const chat = document.querySelector('llama-agent-chat');
// The mock impersonates a 0.3.5 server (Agents API) at the root; a real server: whatever it speaks.
chat.baseUrl = location.origin;
if (config.agentId) chat.agentId = config.agentId;
else chat.model = config.model;
chat.suggestions = ['What can you do?', 'Show me what markdown you can write.', 'Search the web for the latest Node.js release.'];

const prefs = (() => {
  try {
    return JSON.parse(localStorage.getItem(PREFS) ?? '{}');
  } catch {
    return {};
  }
})();

async function apply({ theme = 'auto', lang = 'en' }) {
  if (LOCALES.includes(lang)) await import(/* @vite-ignore */ `/src/i18n/locales/${lang}.ts`);
  document.documentElement.lang = lang;
  document.documentElement.dataset.theme = theme;
  chat.theme = theme;
  document.querySelector('[name=theme]').value = theme;
  document.querySelector('[name=lang]').value = lang;
  try {
    localStorage.setItem(PREFS, JSON.stringify({ theme, lang }));
  } catch {
    // the switches still work on this page
  }
}

const form = document.getElementById('preferences');
form.addEventListener('change', () => apply({ theme: form.theme.value, lang: form.lang.value }));
await apply(prefs);
