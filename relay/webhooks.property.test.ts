/**
 * Property: relay webhooks. Arbitrary and mutated requests — methods, secrets, sources, content
 * types, extra headers, bodies (mutated valid events, arbitrary JSON, text, bytes, oversized) —
 * always get the documented status (hooks.ts, docs/relay.md), never a 500 or a crash, and an event
 * is routed only when the status is 204 for a body that passes validation. The expected status is
 * computed here from the documented rules, independently of Fastify's pipeline.
 *
 * The bulk runs in-process (`relay.inject`: the whole Fastify pipeline without sockets); a smaller
 * run goes over real HTTP. Together: 10,000 cases for the target "relay webhooks".
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import { Anywhere365Event, UcontactEvent } from './wire';
import { checkAsyncProperty } from '../tests/support/property';
import { TEST_SECRET } from '../tests/support/relay/test-kit';

const SECRET = 'property_hook_secret_0123';
const BODY_LIMIT = 2048;
const IN_PROCESS_RUNS = 9_700;
const HTTP_RUNS = 300;
const TARGET = 'relay webhooks';

let relay: Relay;
let log: ReturnType<typeof createMemoryLogger>;

beforeAll(async () => {
  log = createMemoryLogger();
  relay = await createRelay(
    {
      secret: TEST_SECRET,
      hookSecrets: [SECRET],
      bodyLimitBytes: BODY_LIMIT,
      hookRateLimit: { max: 1_000_000, windowMs: 1_000 },
    },
    { log },
  );
});
afterAll(() => relay.close());

interface HookRequest {
  method: string;
  secret: string;
  source: string;
  contentType: string | undefined;
  headers: Record<string, string>;
  body: Uint8Array;
}

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const IDENTITIES = ['sip:alice@example.com', 'SIP:Alice@Example.com', 'bob@example.com', ' ', ''];

const a365Base = fc.record({
  SubscriptionId: fc.oneof(fc.constant('sub-1'), fc.uuid(), fc.constant(null)),
  SessionType: fc.oneof(fc.integer({ min: -5, max: 1005 }), fc.constantFrom('Inbound', 'Bad Name')),
  ImAddress: fc.oneof(fc.constantFrom(...IDENTITIES), fc.string({ maxLength: 40 })),
  eventType: fc.oneof(fc.integer({ min: -5, max: 1005 }), fc.constantFrom('LoggedIn', '1x', '')),
  callId: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
  ani: fc.oneof(fc.constant('+31880000000'), fc.string({ maxLength: 20 })),
});
const ucontactBase = fc.record(
  {
    event: fc.oneof(fc.constantFrom('AgentLog', 'AgentBreak', ''), fc.string({ maxLength: 20 })),
    date: fc.oneof(fc.constant('2024-11-22 10:00:00'), fc.integer(), fc.jsonValue()),
    agent: fc.oneof(fc.constantFrom('alice', ' bob ', ''), fc.integer(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const KEYS = ['ImAddress', 'eventType', 'SessionType', 'callId', 'event', 'agent', 'date', 'x'];
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({
    op: fc.constant('set' as const),
    key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ op: fc.constantFrom('proto' as const, 'constructor' as const) }),
);

type Mutation = { op: string; key?: string; value?: unknown };

/** The body's JSON text after the mutations (`__proto__` is added as text: JSON can carry it). */
function mutate(base: Record<string, unknown>, mutations: Mutation[]): string {
  const body: Record<string, unknown> = { ...base };
  let proto = false;
  for (const m of mutations) {
    if (m.op === 'delete' && m.key) delete body[m.key];
    if (m.op === 'set' && m.key !== undefined)
      Object.defineProperty(body, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    if (m.op === 'proto') proto = true;
    if (m.op === 'constructor') body['constructor' as string] = { prototype: { x: 1 } };
  }
  const text = JSON.stringify(body);
  return proto ? `{"__proto__":{"x":1}${text === '{}' ? '' : ','}${text.slice(1)}` : text;
}

const encode = (s: string) => new TextEncoder().encode(s);
const jsonText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.oneof(a365Base, ucontactBase), fc.array(mutation, { maxLength: 3 }))
      .map(([b, m]) => mutate(b, m)),
  },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? '') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        a365Base.map((b) => JSON.stringify(b)),
        fc.nat(),
      )
      .map(([t, n]) => t.slice(0, n % (t.length + 1))),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: a365Base.map((b) => JSON.stringify({ ...b, ani: 'x'.repeat(BODY_LIMIT) })),
  },
);
const body = fc.oneof(
  { weight: 10, arbitrary: jsonText.map(encode) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
);
const contentType = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset="UTF-8"',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      'application/jsonx',
      'application/vnd.api+json',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: printable(40) },
);
const segment = (valid: string[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
  );
const request = (methods: fc.Arbitrary<string>): fc.Arbitrary<HookRequest> =>
  fc.record({
    method: methods,
    secret: segment([SECRET]),
    source: segment(['anywhere365', 'ucontact']),
    contentType,
    headers: fc.dictionary(
      fc.constantFrom(
        'x-forwarded-for',
        'accept',
        'user-agent',
        'content-encoding',
        'x-request-id',
      ),
      printable(30),
      { maxKeys: 3 },
    ),
    body,
  });

/** Own `__proto__` keys, or a `constructor` with a `prototype` (what Fastify's parser refuses). */
function poisoned(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(o, '__proto__')) return true;
  const ctor = Object.prototype.hasOwnProperty.call(o, 'constructor') ? o.constructor : undefined;
  if (
    ctor !== null &&
    typeof ctor === 'object' &&
    Object.prototype.hasOwnProperty.call(ctor, 'prototype')
  )
    return true;
  return Object.values(o).some(poisoned);
}

function isJsonType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  return (
    type === 'application/json' &&
    (charset === undefined || charset === 'utf-8' || charset === 'utf8')
  );
}

/** The documented answer (docs/relay.md, "Webhook URLs") and whether the body is a valid event. */
function documented(r: HookRequest): { status: number; valid: boolean } {
  const known = r.secret === SECRET && (r.source === 'anywhere365' || r.source === 'ucontact');
  if (r.method !== 'POST' || !known) return { status: 404, valid: false };
  if (!isJsonType(r.contentType)) return { status: 415, valid: false };
  if (r.body.length > BODY_LIMIT) return { status: 413, valid: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(r.body).replace(/^\uFEFF/, ''));
  } catch {
    return { status: 400, valid: false };
  }
  if (poisoned(parsed)) return { status: 400, valid: false };
  const schema = r.source === 'anywhere365' ? Anywhere365Event : UcontactEvent;
  return schema.safeParse(parsed).success
    ? { status: 204, valid: true }
    : { status: 400, valid: false };
}

const url = (r: HookRequest) =>
  `/hooks/${encodeURIComponent(r.secret)}/${encodeURIComponent(r.source)}`;

const headersOf = (r: HookRequest) => ({
  ...r.headers,
  ...(r.contentType === undefined ? {} : { 'content-type': r.contentType }),
});

const counts = () => ({
  routed:
    relay.metric('relay_events_routed_total', { source: 'anywhere365' }) +
    relay.metric('relay_events_routed_total', { source: 'ucontact' }),
  skipped: ['duplicate', 'unroutable', 'agent_limit'].reduce(
    (n, reason) => n + relay.metric('relay_events_dropped_total', { reason }),
    0,
  ),
});

async function check(r: HookRequest, send: (r: HookRequest) => Promise<number>): Promise<void> {
  const before = counts();
  const status = await send(r);
  const after = counts();
  const want = documented(r);
  expect({ status, url: url(r) }).toEqual({ status: want.status, url: url(r) });
  const routed = after.routed - before.routed;
  const skipped = after.skipped - before.skipped;
  // Routed only when valid; a valid event that is not routed was deliberately skipped.
  expect(routed + skipped).toBe(want.valid ? 1 : 0);
}

describe('relay webhooks (property)', () => {
  it('answer every request as documented, in-process', { timeout: 240_000 }, async () => {
    const methods = fc.oneof(
      { weight: 10, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH') },
    );
    await checkAsyncProperty(
      TARGET,
      fc.asyncProperty(request(methods), (r) =>
        check(r, async (q) => {
          const withBody = q.method !== 'GET';
          const res = await relay.inject({
            method: q.method as 'POST',
            url: url(q),
            headers: headersOf(q),
            ...(withBody ? { payload: Buffer.from(q.body) } : {}),
          });
          return res.statusCode;
        }),
      ),
      { numRuns: IN_PROCESS_RUNS, label: 'in-process requests' },
    );
    expect(log.lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect((await relay.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answer every request as documented, over HTTP', { timeout: 240_000 }, async () => {
    await checkAsyncProperty(
      TARGET,
      fc.asyncProperty(request(fc.constant('POST')), (r) =>
        check(r, async (q) => {
          const res = await fetch(`${relay.url}${url(q)}`, {
            method: 'POST',
            headers: headersOf(q),
            body: new Uint8Array(q.body),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      ),
      { numRuns: HTTP_RUNS, label: 'HTTP requests' },
    );
    expect(log.lines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  });
});
