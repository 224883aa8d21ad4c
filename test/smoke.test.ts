// Infrastructure smoke test: TS compilation, bare-import resolution, Lit
// rendering in every engine, and the mock Llama Stack injected by
// web-test-runner.config.js.
import { fixture, html, expect } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';

class SmokeGreeting extends LitElement {
  static override properties = {
    name: { type: String },
    count: { type: Number },
  };

  declare name: string;
  declare count: number;

  constructor() {
    super();
    this.name = 'world';
    this.count = 0;
  }

  override render() {
    return litHtml`<p>Hello, ${this.name}!</p>
      <button @click=${() => this.count++}>clicked ${this.count}</button>`;
  }
}
customElements.define('smoke-greeting', SmokeGreeting);

const injected = window as unknown as { __MOCK_URL__?: unknown; __CLOSED_PORT_URL__?: unknown };

describe('test infrastructure smoke', () => {
  it('renders a Lit element with a reactive property from an attribute', async () => {
    const el = await fixture<SmokeGreeting>(html`<smoke-greeting name="Llama"></smoke-greeting>`);
    expect(el).to.be.instanceOf(SmokeGreeting);
    expect(el.name).to.equal('Llama');
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hello, Llama!');
  });

  it('re-renders after an event changes state', async () => {
    const el = await fixture<SmokeGreeting>(html`<smoke-greeting></smoke-greeting>`);
    const button = el.shadowRoot!.querySelector('button')!;
    button.click();
    button.click();
    await el.updateComplete;
    expect(el.count).to.equal(2);
    expect(button.textContent!.trim()).to.equal('clicked 2');
  });

  it('injects the mock and closed-port URLs', () => {
    expect(injected.__MOCK_URL__)
      .to.be.a('string')
      .and.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(injected.__CLOSED_PORT_URL__)
      .to.be.a('string')
      .and.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(injected.__CLOSED_PORT_URL__).not.to.equal(injected.__MOCK_URL__);
  });

  it('reaches the mock Llama Stack: GET /v1/version answers 200 JSON with a version string', async () => {
    const res = await fetch(`${injected.__MOCK_URL__}/v1/version`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type') ?? '').to.match(/^application\/json\b/);
    const body = (await res.json()) as { version?: unknown };
    expect(body.version).to.be.a('string').that.is.not.empty;
  });
});
