// scripts/private-members.js picks the property names the script-tag bundle may shorten. A wrong pick
// breaks the widget only in the built bundle (test/bundle/ runs that), so the rules are pinned here on a
// small made-up source tree that borrows the repository's node_modules and protocol schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateMembers } from '../../scripts/private-members.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('only private names nothing else can reach are shortened', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'private-members-'));
  try {
    mkdirSync(path.join(root, 'src'));
    mkdirSync(path.join(root, 'test/fixtures'), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    symlinkSync(path.join(ROOT, 'test/fixtures/openapi'), path.join(root, 'test/fixtures/openapi'));
    writeFileSync(
      path.join(root, 'src/a.ts'),
      `export interface Options { sharedName: string; sharedName2: string }
export const wire = { session_id2: 1 };
export class A {
  static properties = { litState: { state: true }, byStringState: { state: true }, objectKey: { attribute: false } };
  private declare litState: string;
  private declare byStringState: string;
  private declare objectKey: string;
  private ownCounter = 0;
  private readonly pendingTimers = new Set<number>();
  private declare byString: boolean;
  private sharedName = '';
  private title = '';
  private session_id = '';
  private requestUpdate(): void {}
  protected guarded(): void {}
  private async fetchEverything(): Promise<void> {}
  constructor(private readonly sharedName2: string, private readonly session_id2 = '', private readonly ownHost = '') {}
  check(changed: Map<string, unknown>) { return changed.has('byString') || changed.has('byStringState'); }
}
`,
    );
    const ours = [
      'byStringState',
      'fetchEverything',
      'litState',
      'objectKey',
      'ownCounter',
      'ownHost',
      'pendingTimers',
      'byString',
      'requestUpdate',
      'session_id',
      'session_id2',
      'sharedName',
      'sharedName2',
      'title',
    ];
    const { mangled: all, kept: allKept } = privateMembers(root);
    const mangled = all.filter((name) => ours.includes(name));
    const kept = allKept.filter((name) => ours.includes(name));
    // a Lit state property's `{ state: true }` entry does not make its name public
    assert.deepEqual(mangled, ['fetchEverything', 'litState', 'ownCounter', 'ownHost', 'pendingTimers']);
    // a string names it; the DOM has it; the protocol has it; an interface or an object literal (other
    // than a state entry) declares it; Lit has it
    assert.deepEqual(kept, [
      'byString',
      'byStringState',
      'objectKey',
      'requestUpdate',
      'session_id',
      'session_id2',
      'sharedName',
      'sharedName2',
      'title',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('in this repository, no public member, event detail or protocol field is shortened', () => {
  const { mangled } = privateMembers(ROOT);
  assert.ok(mangled.length > 20, `only ${mangled.length} names`);
  for (const name of [
    'baseUrl',
    'agentId',
    'sessionId',
    'messages',
    'send',
    'stop',
    'open',
    'mode',
    'content',
    'status',
    'text',
    'attachments',
  ]) {
    assert.ok(!mangled.includes(name), name);
  }
});

test('the internals of sse.js and streaming-markdown are shortened; what we hand them and the platform calls are not', () => {
  const { mangled } = privateMembers(ROOT);
  for (const name of ['_parseEventChunk', '_onStreamFailure', 'reconnectTimer', 'xhr', 'fence_start', 'indent_len', 'table_state']) {
    assert.ok(mangled.includes(name), `${name} is not shortened`);
  }
  // options we pass to sse.js, its public surface, and what our markdown renderer implements for smd
  for (const name of [
    'headers',
    'payload',
    'method',
    'withCredentials',
    'readyState',
    'addEventListener',
    'close',
    'stream',
    'add_token',
    'end_token',
    'add_text',
    'set_attr',
    'data',
    'text',
  ]) {
    assert.ok(!mangled.includes(name), `${name} is shortened`);
  }
});
