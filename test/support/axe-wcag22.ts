/**
 * axe as @open-wc/testing runs it, plus the WCAG 2.2 AA rule axe leaves off by default
 * (target-size, 2.5.8: targets at least 24 × 24 px or spaced as far apart). Import it before
 * `expect(el).to.be.accessible()`.
 */
import 'axe-core/axe.min.js';

declare global {
  interface Window {
    axe: { configure(spec: { rules: { id: string; enabled: boolean }[] }): void; getRules(tags: string[]): { ruleId: string }[] };
  }
}

window.axe.configure({ rules: window.axe.getRules(['wcag22aa', 'wcag22a']).map(({ ruleId }) => ({ id: ruleId, enabled: true })) });
