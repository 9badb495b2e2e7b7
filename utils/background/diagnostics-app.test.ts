/**
 * `panel/diagnostics` as the background answers it, signed in to the XiVO simulator: the journal
 * fed by the session, the store and screen-pop, the outbox and the settings with their sources,
 * for extension pages only, and no credential anywhere in it.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { startXivoSimulator, type XivoSimulator } from '../../tests/simulators/xivo';
import {
  ALICE,
  closeApps,
  createHarness,
  EXTENSION,
  type Sender,
} from '../../tests/support/background-harness';
import type { DiagnosticsReport } from '../messaging';
import { JOURNAL_LIMITS } from './diagnostics';

const CRM = 'https://crm.example.com/contacts';
const CONTENT: Sender = {
  id: EXTENSION.id,
  url: 'https://crm.example.com/a',
  tab: { id: 7 } as Browser.tabs.Tab,
};

let sim: XivoSimulator;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  sim = await startXivoSimulator();
});

afterEach(async () => {
  await closeApps();
  await sim.close();
});

async function report(h: Awaited<ReturnType<typeof createHarness>>): Promise<DiagnosticsReport> {
  const reply = await h.send({ type: 'panel/diagnostics' });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as DiagnosticsReport;
}

describe('panel/diagnostics', () => {
  it('tells the connection, the events applied, the pop decisions and the settings’ sources', async () => {
    const h = await createHarness({
      user: {
        screenPop: {
          rules: [
            { id: 'sales', trigger: 'ringing', queue: 'sales', url: `${CRM}?q={e164}` },
            { id: 'crm', trigger: 'ringing', queue: 'support', url: `${CRM}?phone={e164}` },
          ],
        },
      },
      managed: { clickToDial: { defaultCountry: 'FR' } },
    });
    expect(await h.signIn(sim)).toEqual({ ok: true, value: undefined });
    await h.until((s) => s.connection.status === 'connected');
    sim.inboundCall({ from: '+33123456789', name: 'Camille Dubois', queue: 'support' });
    await vi.waitFor(() => expect(h.openTab).toHaveBeenCalled(), { timeout: 20_000 });
    const other = sim.inboundCall({ from: '+33987654321', name: 'Nobody', queue: 'billing' });
    await vi.waitFor(
      async () => expect((await report(h)).pops.some((p) => p.outcome === 'noRule')).toBe(true),
      { timeout: 20_000 },
    );

    const r = await report(h);
    expect(r.vendor).toEqual({ id: 'xivo', label: 'XiVO' });
    expect(r.signedIn).toBe(true);
    expect(r.connection.status).toBe('connected');
    expect(r.timeline.map((t) => t.kind)).toEqual(['started', 'signIn', 'connecting', 'connected']);
    expect(r.events.some((e) => e.type === 'callUpsert')).toBe(true);
    const popped = r.pops.find((p) => p.outcome === 'popped');
    expect(popped).toMatchObject({
      ruleId: 'crm',
      trigger: 'ringing',
      url: `${CRM}?phone=%2B33123456789`,
      call: { direction: 'inbound', number: '+33123456789', queue: 'support' },
    });
    const missed = r.pops.find((p) => p.outcome === 'noRule');
    expect(missed?.misses).toEqual([
      { ruleId: 'sales', why: 'queue', wants: 'sales' },
      { ruleId: 'crm', why: 'queue', wants: 'support' },
    ]);
    expect(missed?.call?.number).toBe('+33987654321');
    expect(r.settings).toContainEqual({
      path: 'clickToDial.defaultCountry',
      value: 'FR',
      source: 'policy',
    });
    expect(r.settings).toContainEqual({
      path: 'clickToDial.enabled',
      value: true,
      source: 'default',
    });
    expect(r.settings.find((s) => s.path === 'screenPop.rules')?.source).toBe('agent');
    expect(r.settings).toContainEqual({
      path: 'connection.xivo.server',
      value: sim.url,
      source: 'agent',
    });
    // Only the vendor in use: other vendors' connection settings are nothing support needs.
    expect(r.settings.every((s) => !/^connection\.(?!xivo\.)/.test(s.path))).toBe(true);
    expect(r.limits).toEqual(JOURNAL_LIMITS);
    // What the agent typed at sign-in is nowhere in it.
    expect(JSON.stringify(r)).not.toContain(ALICE.password);
    other.hangup();
  });

  it('puts a dropped link in the timeline: lost with its reason, then connected again', async () => {
    const h = await createHarness();
    await h.signIn(sim);
    await h.until((s) => s.connection.status === 'connected');
    sim.dropSockets();
    await vi.waitFor(
      async () => {
        const kinds = (await report(h)).timeline.map((t) => t.kind);
        expect(kinds.slice(-2)).toEqual(['lost', 'connected']);
      },
      { timeout: 20_000, interval: 50 },
    );
    const lost = (await report(h)).timeline.find((t) => t.kind === 'lost');
    expect(lost).toMatchObject({ attempt: 1, reason: expect.any(String) });
  });

  it('answers extension pages only', async () => {
    const h = await createHarness();
    expect(await h.send({ type: 'panel/diagnostics' }, CONTENT)).toEqual({
      ok: false,
      error: 'Invalid request',
    });
    expect(
      await h.send(
        { type: 'panel/diagnostics' },
        { id: 'other', url: 'chrome-extension://other/x.html' },
      ),
    ).toEqual({ ok: false, error: 'Not allowed' });
  });
});
