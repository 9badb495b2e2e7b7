import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Recorder } from '../shared/recorder';
import { readJson } from '../shared/http';
import { startAnywhere365Simulator, type Anywhere365Simulator } from '.';

let sim: Anywhere365Simulator | undefined;
let closeHook: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim?.close();
  await closeHook?.();
});

/** A callback endpoint that records what the broker posts. */
async function hook() {
  const got = new Recorder<unknown>();
  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      got.record(body);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closeHook = () => new Promise((r) => server.close(() => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, got };
}

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Anywhere365 CTI Broker simulator (§9)', () => {
  it('subscribes (201 + Location), posts events with int eventTypes, unsubscribes (202, then 404)', async () => {
    sim = await startAnywhere365Simulator();
    const cb = await hook();
    const res = await post(`${sim.url}/api/subscribe`, {
      ImAddress: 'sip:alice@example.com',
      CallbackUrl: cb.url,
    });
    expect(res.status).toBe(201);
    const id = /api\/subscribe\/(.+)$/.exec(res.headers.get('Location') ?? '')?.[1];
    expect(id).toBeTruthy();
    const call = await sim.inboundCall({ from: '+33142685300' });
    expect(await cb.got.waitFor(() => true)).toMatchObject({
      eventType: 3,
      SessionType: 0,
      callId: call.callId,
      ani: '+33142685300',
      SubscriptionId: id,
    });
    await call.answer();
    await call.transfer('sip:bob@example.com');
    expect(await cb.got.waitFor((b) => (b as { eventType: number }).eventType === 6)).toBeTruthy();
    expect((await fetch(`${sim.url}/api/subscribe/${id}`, { method: 'DELETE' })).status).toBe(202);
    expect((await fetch(`${sim.url}/api/subscribe/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers commands 202, 500 for unknown agents, bad numbers and injected faults', async () => {
    sim = await startAnywhere365Simulator();
    const cmd = (body: object) => post(`${sim!.url}/api/command`, body).then((r) => r.status);
    expect(await cmd({ ImAddress: 'sip:alice@example.com', commandType: 0 })).toBe(202);
    expect(await cmd({ ImAddress: 'sip:alice@example.com', commandType: 'HeartBeat' })).toBe(202);
    expect(await cmd({ ImAddress: 'sip:nobody@example.com', commandType: 0 })).toBe(500);
    expect(await cmd({ ImAddress: 'sip:alice@example.com', commandType: 4, number: '0123' })).toBe(
      500,
    );
    sim.failCommands(1);
    expect(await cmd({ ImAddress: 'sip:alice@example.com', commandType: 14 })).toBe(500);
    const pre = await fetch(`${sim.url}/api/command`, { method: 'OPTIONS' });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('writes enums by name when asked, with configurable subscribe keys', async () => {
    sim = await startAnywhere365Simulator({
      enumFormat: 'name',
      subscribeKeys: { imAddress: 'sip', callback: 'url' },
    });
    const cb = await hook();
    expect(
      (await post(`${sim.url}/api/subscribe`, { ImAddress: 'x', CallbackUrl: cb.url })).status,
    ).toBe(500);
    expect(
      (await post(`${sim.url}/api/subscribe`, { sip: 'sip:alice@example.com', url: cb.url }))
        .status,
    ).toBe(201);
    await sim.inboundCall();
    expect(await cb.got.waitFor(() => true)).toMatchObject({
      eventType: 'Hunting',
      SessionType: 'Inbound',
    });
    sim.forgetSubscriptions();
    expect(sim.subscriptions()).toEqual([]);
  });

  it('posts a transfer to each agent’s own subscription: done, offered first, or refused', async () => {
    sim = await startAnywhere365Simulator();
    const cb = await hook();
    for (const ImAddress of ['sip:alice@example.com', 'sip:bob@example.com'])
      expect(
        (await post(`${sim.url}/api/subscribe`, { ImAddress, CallbackUrl: cb.url })).status,
      ).toBe(201);
    const events = () =>
      sim!.deliveries.items.map((d) => {
        const b = d.body as { ImAddress: string; eventType: number };
        return `${b.ImAddress.slice(4, 7)} ${b.eventType}`;
      });
    const done = await sim.inboundCall();
    await done.answer();
    await done.transfer('sip:bob@example.com');
    expect(events()).toEqual(['ali 3', 'ali 4', 'ali 6', 'bob 7']);
    expect(done.agent).toBe('sip:bob@example.com');
    await done.hangup();
    sim.deliveries.clear();
    const offered = await sim.inboundCall();
    await offered.answer();
    await offered.transfer('sip:bob@example.com', { invite: true });
    await offered.hangup();
    expect(events()).toEqual(['ali 3', 'ali 4', 'ali 6', 'bob 3', 'bob 7', 'bob 5']);
    sim.deliveries.clear();
    const refused = await sim.inboundCall();
    await refused.answer();
    await refused.transfer('sip:bob@example.com', { refused: true });
    expect(events()).toEqual(['ali 3', 'ali 4', 'ali 6', 'bob 3', 'bob 5', 'ali 7']);
    expect(refused).toMatchObject({ agent: 'sip:alice@example.com', state: 'connected' });
    sim.deliveries.clear();
    // A call the agent already holds is transferred without a second OnHold.
    const held = await sim.inboundCall();
    await held.answer();
    await held.hold();
    await held.transfer('sip:bob@example.com');
    expect(events()).toEqual(['ali 3', 'ali 4', 'ali 6', 'bob 7']);
    expect(held).toMatchObject({ agent: 'sip:bob@example.com', state: 'connected' });
    // An ended call is not transferred.
    await held.hangup();
    sim.deliveries.clear();
    await held.transfer('sip:alice@example.com');
    expect(events()).toEqual([]);
  });
});
