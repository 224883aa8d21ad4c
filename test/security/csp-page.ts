// Runs inside test/security/csp-page.html (strict CSP + Trusted Types): one conversation with markdown
// and a server tool, then reports violations, outcomes and every resource the page loaded to its parent.
import '../../src/index.js';
import type { LlamaAgentChat } from '../../src/index.js';

const params = new URLSearchParams(location.search);
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));

async function main(): Promise<void> {
  const el = document.createElement('llama-agent-chat') as LlamaAgentChat;
  el.setAttribute('base-url', params.get('base') ?? '');
  el.setAttribute('agent-id', params.get('agent') ?? '');
  document.body.append(el);
  await el.updateComplete;
  const outcomes = [await el.send('Search for llamas'), await el.send('Show me **markdown** <b>please</b>')];
  await el.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const widgetViolations = [...violations];

  // Proof that the policy is in force and reported: eval is refused and reported as a violation.
  let evalRefused = false;
  const reported = new Promise<void>((resolve) => document.addEventListener('securitypolicyviolation', () => resolve(), { once: true }));
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the point: the CSP must refuse it
    new Function('return 1')();
  } catch {
    evalRefused = true;
  }
  await Promise.race([reported, new Promise((resolve) => setTimeout(resolve, 2000))]);

  const replies = [...el.shadowRoot!.querySelectorAll('chat-message')].map(
    (m) => m.shadowRoot!.querySelector('[part="content"]')?.textContent ?? '',
  );
  parent.postMessage(
    {
      outcomes: outcomes.map((o) => ({ status: o.status, error: o.error ?? '' })),
      replies,
      violations: widgetViolations,
      evalRefused,
      evalReported: violations.length > widgetViolations.length,
      trustedTypes: 'trustedTypes' in window,
      resources: performance.getEntriesByType('resource').map((e) => e.name),
    },
    '*',
  );
}

void main();
