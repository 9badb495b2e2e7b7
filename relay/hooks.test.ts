/** Webhook endpoints, /healthz and /metrics against a real listening relay. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRelay, type Relay } from './index';
import { createMemoryLogger } from './log';
import { TEST_SECRET, a365Event, connect, postJson } from '../tests/support/relay/test-kit';

let relay: Relay;
let log: ReturnType<typeof createMemoryLogger>;

beforeEach(async () => {
  log = createMemoryLogger();
  relay = await createRelay(
    {
      secret: TEST_SECRET,
      hookSecrets: ['first_secret_0123456', 'rotated_secret_65432'],
      bodyLimitBytes: 1024,
    },
    { log },
  );
});
afterEach(() => relay.close());

const a365 = () => relay.hookUrl('anywhere365');

describe('webhooks', () => {
  it.each([
    ['not JSON', '{"ImAddress":', 400],
    ['a JSON array', [], 400],
    ['no ImAddress', { ...a365Event('x', 3), ImAddress: undefined }, 400],
    ['a bad eventType', { ...a365Event('sip:a@x', 3), eventType: { evil: 1 } }, 400],
    ['a huge body', { ...a365Event('sip:a@x', 3), ani: 'x'.repeat(5000) }, 413],
  ])('answers Anywhere365 %s with %#→4xx and stays up', async (_, body, status) => {
    expect((await postJson(a365(), body)).status).toBe(status);
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    expect(relay.metric('relay_events_dropped_total', { reason: 'invalid' })).toBe(1);
    expect(log.lines.some((l) => l.includes('"level":"warn"'))).toBe(true);
  });

  it('refuses non-JSON content types (415) and non-object uContact bodies (400)', async () => {
    const form = await fetch(a365(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(415);
    expect((await postJson(relay.hookUrl('ucontact'), { agent: 'bob' })).status).toBe(400);
    expect((await postJson(relay.hookUrl('ucontact'), 'null')).status).toBe(400);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no Content-Type', undefined],
    ['a UTF-16 charset', { 'content-type': 'application/json; charset=utf-16' }],
    ['a JSON-like type', { 'content-type': 'application/jsonx' }],
  ])('answers a JSON body sent as %s with 415, as documented', async (_, headers) => {
    const body = new TextEncoder().encode(JSON.stringify(a365Event('sip:a@x', 3)));
    // A Uint8Array body makes fetch add no Content-Type of its own.
    const res = await fetch(a365(), { method: 'POST', headers, body });
    expect(res.status).toBe(415);
    expect(relay.metric('relay_events_routed_total', { source: 'anywhere365' })).toBe(0);
    const ok = await postJson(a365(), a365Event('sip:a@x', 3), {
      'content-type': 'Application/JSON; charset="UTF-8"',
    });
    expect(ok.status).toBe(204);
  });

  it('accepts eventType and SessionType by name, and nulls where the broker has no value', async () => {
    const loggedIn = {
      ...a365Event('sip:a@x', 'LoggedIn'),
      SessionType: 'Inbound',
      callId: '',
      ani: null,
    };
    expect((await postJson(a365(), loggedIn)).status).toBe(204);
    expect(relay.metric('relay_events_routed_total', { source: 'anywhere365' })).toBe(1);
  });

  it('acknowledges uContact events without an agent but routes nothing', async () => {
    const res = await postJson(relay.hookUrl('ucontact'), {
      event: 'InteractionDisposition',
      date: 'x',
    });
    expect(res.status).toBe(204);
    expect(relay.metric('relay_events_dropped_total', { reason: 'unroutable' })).toBe(1);
    expect(relay.metric('relay_buffer_agents')).toBe(0);
  });

  it('answers 404 to unknown secrets and sources, and accepts every configured secret', async () => {
    const wrong = a365().replace('first_secret_0123456', 'first_secret_0123457');
    expect((await postJson(wrong, a365Event('sip:a@x', 3))).status).toBe(404);
    expect((await postJson(`${relay.url}/hooks/first_secret_0123456/xivo`, {})).status).toBe(404);
    expect((await postJson(`${relay.url}/hooks/anywhere365`, {})).status).toBe(404);
    const rotated = a365().replace('first_secret_0123456', 'rotated_secret_65432');
    expect((await postJson(rotated, a365Event('sip:a@x', 3))).status).toBe(204);
  });

  it('drops the copy of an event that a second subscription delivers', async () => {
    const c = await connect(relay.wsUrl);
    c.send({ type: 'hello', token: relay.issueToken('sip:a@x'), after: 0 });
    await c.expect('welcome');
    const event = a365Event('sip:a@x', 6);
    await postJson(a365(), event);
    await postJson(a365(), { ...event, SubscriptionId: 'another-subscription' });
    // The same subscription repeating itself is a real second event (hold again).
    await postJson(a365(), event);
    expect((await c.expect('event')).seq).toBe(1);
    expect((await c.expect('event')).seq).toBe(2);
    expect(relay.metric('relay_events_dropped_total', { reason: 'duplicate' })).toBe(1);
    await c.close();
  });
});

it('rate-limits hooks per client IP (429) and keeps serving other routes', async () => {
  await relay.close();
  relay = await createRelay(
    { secret: TEST_SECRET, hookRateLimit: { max: 2, windowMs: 3_600_000 } },
    { log },
  );
  const statuses = [];
  for (let i = 0; i < 3; i++)
    statuses.push((await postJson(a365(), a365Event('sip:a@x', 3, `c${i}`))).status);
  expect(statuses).toEqual([204, 204, 429]);
  expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
  expect(relay.metric('relay_events_dropped_total', { reason: 'rate_limited' })).toBe(1);
});

it('reports health and Prometheus metrics', async () => {
  await postJson(a365(), a365Event('sip:a@x', 3));
  await postJson(a365(), {});
  const health = await (await fetch(`${relay.url}/healthz`)).json();
  expect(health).toMatchObject({
    status: 'ok',
    bufferedAgents: 1,
    bufferedEvents: 1,
    connections: 0,
    anywhere365: { state: 'disabled' },
  });
  const res = await fetch(`${relay.url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  expect(text).toContain('# TYPE relay_events_received_total counter');
  expect(text).toContain('relay_events_received_total{source="anywhere365"} 1');
  expect(text).toContain('relay_events_routed_total{source="anywhere365"} 1');
  expect(text).toContain('relay_events_dropped_total{reason="invalid"} 1');
  expect(text).toContain('relay_connected_agents 0');
  expect(text).toContain('relay_buffer_events 1');
  expect(text).not.toContain('sip:a@x');
});
