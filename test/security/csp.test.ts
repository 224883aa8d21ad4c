import { expect } from '@open-wc/testing';
import { mockUrl, scriptedAgent, turnFrames } from '../support/mock.js';

interface PageReport {
  outcomes: Array<{ status: string; error: string }>;
  replies: string[];
  violations: string[];
  evalRefused: boolean;
  evalReported: boolean;
  trustedTypes: boolean;
  resources: string[];
}

const MARKDOWN =
  'Here is **bold**, `code`, a [link](https://example.com/x), an ![image](https://example.com/i.png) and\n\n```js\nlet x = 1;\n```\n';

async function runPage(): Promise<{ report: PageReport; baseUrl: string }> {
  const serverTool = await fetch(new URL('../fixtures/llama-stack-0.3.5/server_tool.sse', import.meta.url)).then((r) => r.text());
  const agent = await scriptedAgent({
    turns: [{ chunks: [serverTool] }, { chunks: turnFrames([MARKDOWN.slice(0, 30), MARKDOWN.slice(30)]) }],
  });
  const iframe = document.createElement('iframe');
  const report = new Promise<PageReport>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== iframe.contentWindow) return;
      window.removeEventListener('message', onMessage);
      resolve(e.data as PageReport);
    };
    window.addEventListener('message', onMessage);
  });
  iframe.src = `/test/security/csp-page.html?base=${encodeURIComponent(mockUrl())}&agent=${encodeURIComponent(agent)}`;
  document.body.append(iframe);
  try {
    return { report: await report, baseUrl: mockUrl() };
  } finally {
    iframe.remove();
  }
}

describe('a page with a strict Content-Security-Policy and Trusted Types', function () {
  this.timeout(30000);
  let result: { report: PageReport; baseUrl: string };
  before(async () => {
    result = await runPage();
  });

  it('is really served with the policy, which the browser enforces', async () => {
    const response = await fetch('/test/security/csp-page.html');
    expect(response.headers.get('content-security-policy')).to.contain("require-trusted-types-for 'script'");
    expect(result.report.evalRefused).to.equal(true);
    expect(result.report.evalReported).to.equal(true);
  });

  it('runs a whole conversation (server tool, markdown) with no policy violation', () => {
    const { report } = result;
    expect(report.outcomes).to.deep.equal([
      { status: 'complete', error: '' },
      { status: 'complete', error: '' },
    ]);
    expect(report.replies[3]).to.contain('let x = 1;');
    expect(report.violations).to.deep.equal([]);
  });

  it('loads and calls nothing but its own scripts and base-url', () => {
    const { report, baseUrl } = result;
    const foreign = report.resources.filter((url) => !url.startsWith(`${location.origin}/`) && !url.startsWith(`${baseUrl}/`));
    expect(foreign).to.deep.equal([]);
    const ownOrigin = report.resources.filter((url) => url.startsWith(`${location.origin}/`)).map((url) => new URL(url).pathname);
    // From the page's own origin only the module graph loads (no fonts, styles, images).
    expect(ownOrigin.filter((p) => !/\.(ts|js|mjs)$/.test(p))).to.deep.equal([]);
    expect(report.resources.some((url) => url.startsWith(`${baseUrl}/`))).to.equal(true);
  });
});
