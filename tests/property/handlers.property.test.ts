/**
 * The background's message handler, per sender kind (issue: "every message handler per sender
 * kind: refused or validated"). Walks the protocol generically, so messages other changes add are
 * covered without an edit here:
 *
 * - the message types are every `z.literal('<direction>/<name>')` declared in
 *   utils/message-checks.ts;
 * - the checks are every `parse…Message` function utils/message-checks.ts exports;
 * - the handler's dependencies are a recording proxy: any dependency it has, now or later, is
 *   recorded when called. Reads (settings, vendor, panel state, log) are allowed; any other call
 *   is an action.
 *
 * Properties, for arbitrary senders and messages (arbitrary JSON, each type with arbitrary fields,
 * mutated valid messages): the handler never throws and always answers a Reply; a sender that is
 * neither an extension page nor a content script in a web page's tab causes no action; a message
 * no check accepts causes no action; a content script never causes an action by anything but a
 * `content/*` message, and an extension page never by a `content/*` one.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  createMessageHandler,
  isConfigRequest,
  type HandlerDeps,
} from '../../utils/background/handlers';
import { classifySender } from '../../utils/background/senders';
import { VENDORS } from '../../utils/cti/vendors';
import * as checks from '../../utils/message-checks';
import * as messaging from '../../utils/messaging';
import { DEFAULT_SETTINGS } from '../../utils/settings/schema';
import { checkAsyncProperty } from '../support/property';
import { adversarialString, anyJson, mutated, type Json } from './support/json';

const EXTENSION = {
  id: 'abcdefghijklmnopabcdefghijklmnop',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};
const RUNS = 10_000;

const MESSAGE_TYPES = [
  ...new Set(
    [
      ...readFileSync(new URL('../../utils/message-checks.ts', import.meta.url), 'utf8').matchAll(
        /z\.literal\('([\w-]+\/[\w-]+)'\)/g,
      ),
    ].map((m) => m[1]!),
  ),
];

const PARSERS = Object.entries(checks)
  .filter(([name, value]) => /^parse\w*Message$/.test(name) && typeof value === 'function')
  .map(([, value]) => value as (m: unknown) => { success: boolean });

/** Known-good messages to mutate; types without one here still get arbitrary fields below. */
const VALID: Json[] = [
  { type: 'panel/getState' },
  {
    type: 'panel/signIn',
    credentials: { username: 'alice', password: 'secret' },
    connection: { server: 'https://x.example' },
  },
  { type: 'panel/signOut' },
  { type: 'panel/command', command: { type: 'dial', number: '+33142685300' } },
  { type: 'panel/command', command: { type: 'hangup', callId: 'c1' } },
  { type: 'panel/dismissNotice', id: 'n1' },
  { type: 'panel/popRecord', callId: 'c1' },
  { type: 'panel/directory', term: 'dupont' },
  { type: 'panel/history' },
  { type: 'panel/command', command: { type: 'setCallData', callId: 'c1', data: { ticket: '42' } } },
  { type: 'panel/command', command: { type: 'joinQueue', queue: 'q1' } },
  {
    type: 'panel/command',
    command: { type: 'rescheduleCallback', callbackId: 'cb1', at: 1_900_000_000_000 },
  },
  {
    type: 'panel/command',
    command: { type: 'setForward', kind: 'busy', enabled: true, destination: '2000' },
  },
  {
    type: 'panel/command',
    command: { type: 'vendorAction', action: 'tag', callId: 'c1', values: { tag: 'vip' } },
  },
  {
    type: 'panel/command',
    command: {
      type: 'dial',
      number: '2000',
      route: { kind: 'queue', queue: 'q1' },
      variables: { a: 'b' },
    },
  },
  { type: 'content/dial', e164: '+33142685300' },
  { type: 'content/dial', e164: '+14155550123', extension: '12' },
  { type: 'content/portalEvent', payload: { action: 'gettingCall', params: ['+33142685300'] } },
];

const READS = new Set(['extension', 'panelState', 'settings', 'vendor', 'log']);

interface Recorder {
  deps: HandlerDeps;
  actions: string[];
}

/** A value that records every call made through it and answers `ok` to each. */
function recording(path: string, actions: string[]): unknown {
  const fn = (...args: unknown[]) => {
    actions.push(`${path}(${args.length})`);
    // Answers that fit what the handler expects of a command, a session or a store.
    if (path.endsWith('deliver')) return true;
    return messaging.ok(undefined);
  };
  return new Proxy(fn, {
    get: (_target, key) =>
      typeof key === 'string' && key !== 'then' ? recording(`${path}.${key}`, actions) : undefined,
    apply: (_target, _this, args) => {
      const result = fn(...args);
      // `session()` returns the session itself: a recording object again.
      return path.split('.').length === 1 ? recording(`${path}()`, actions) : result;
    },
  });
}

function recorder(): Recorder {
  const actions: string[] = [];
  const pageVendor = VENDORS.find((v) => v.pageEvents) ?? VENDORS[0];
  const reads: Record<string, unknown> = {
    extension: EXTENSION,
    panelState: () => ({}),
    settings: () => DEFAULT_SETTINGS,
    vendor: () => pageVendor,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  };
  const deps = new Proxy({} as HandlerDeps, {
    get: (_target, key) => {
      if (typeof key !== 'string') return undefined;
      if (READS.has(key)) return reads[key];
      return recording(key, actions);
    },
  });
  return { deps, actions };
}

type Sender = Browser.runtime.MessageSender;

const page = fc.constantFrom(
  'https://crm.example.com/contacts/1',
  'http://intranet.local/',
  'https://evil.example/',
  'file:///home/agent/x.html',
  'about:blank',
  'data:text/html,x',
  `${EXTENSION.origin}/popup.html`,
  `${EXTENSION.origin}/options.html`,
  'chrome-extension://otherextensionidotherextensionid/page.html',
  'moz-extension://abc/page.html',
);

/** Sender kinds: extension page, content script in a web page's frame, foreign, and anything. */
const sender: fc.Arbitrary<Sender> = fc.oneof(
  fc.record({
    id: fc.constant(EXTENSION.id),
    url: fc.constantFrom(`${EXTENSION.origin}/popup.html`, `${EXTENSION.origin}/sidepanel.html`),
    tab: fc.option(fc.record({ id: fc.nat() }), { nil: undefined }),
  }),
  fc.record({
    id: fc.constant(EXTENSION.id),
    url: fc.constantFrom('https://crm.example.com/a', 'https://evil.example/frame'),
    tab: fc.record({ id: fc.nat() }),
    frameId: fc.nat(5),
    origin: fc.option(fc.constantFrom('https://crm.example.com', 'null'), { nil: undefined }),
  }),
  fc.record({
    id: fc.constantFrom('otherextensionidotherextensionid', '', 'x'),
    url: page,
    tab: fc.option(fc.record({ id: fc.nat() }), { nil: undefined }),
  }),
  fc.record(
    {
      id: fc.option(fc.constantFrom(EXTENSION.id, 'x'), { nil: undefined }),
      url: fc.option(fc.oneof(page, adversarialString), { nil: undefined }),
      origin: fc.option(fc.oneof(page, adversarialString), { nil: undefined }),
      tab: fc.option(fc.record({ id: fc.integer() }), { nil: undefined }),
      frameId: fc.option(fc.integer(), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
) as fc.Arbitrary<Sender>;

/** Each declared type with arbitrary fields, arbitrary JSON, and mutated valid messages. */
const message: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...MESSAGE_TYPES),
        fc.dictionary(adversarialString, anyJson, { maxKeys: 3 }),
      )
      .map(([type, rest]) => ({ ...rest, type })),
  },
  { weight: 1, arbitrary: anyJson },
  { weight: 4, arbitrary: mutated(VALID) },
  { weight: 2, arbitrary: fc.constantFrom(...VALID) },
);

function typeOf(m: unknown): string {
  return m !== null && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string'
    ? (m as { type: string }).type
    : '';
}

describe('background message handler', () => {
  it('finds the protocol it walks', () => {
    if (MESSAGE_TYPES.length < 2 || PARSERS.length < 2)
      throw new Error(`found ${MESSAGE_TYPES.length} message types and ${PARSERS.length} checks`);
  });

  it('refuses or validates every message from every sender, and never throws', async () => {
    await checkAsyncProperty(
      'message handlers',
      fc.asyncProperty(sender, message, async (from, msg) => {
        const { deps, actions } = recorder();
        const handle = createMessageHandler(deps);
        const reply = await handle(structuredClone(msg), from);
        if (!messaging.isReply(reply)) throw new Error(`not a Reply: ${JSON.stringify(reply)}`);
        const kind = classifySender(from, EXTENSION);
        const type = typeOf(msg);
        const accepted = PARSERS.some((parse) => parse(msg).success);
        // Our own content script in a frame the browser gives no URL (Firefox's about:blank) may
        // read its config, and nothing else (handlers.ts `isConfigRequest`).
        const configForOurFrame =
          from.id === EXTENSION.id && from.tab !== undefined && isConfigRequest(msg);
        const why =
          kind === 'unknown' && !configForOurFrame
            ? 'a sender that is neither an extension page nor a content script'
            : !accepted
              ? 'a message no check accepts'
              : kind === 'contentScript' && !type.startsWith('content/')
                ? `a content script sending ${type}`
                : kind === 'extensionPage' && type.startsWith('content/')
                  ? `an extension page sending ${type}`
                  : undefined;
        if (why && actions.length > 0) throw new Error(`${why} caused ${actions.join(', ')}`);
        if (why && reply.ok) throw new Error(`${why} was answered ok`);
      }),
      { numRuns: RUNS, label: 'senders × arbitrary, typed and mutated messages' },
    );
  }, 120_000);
});
