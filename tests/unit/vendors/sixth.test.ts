/**
 * A sixth vendor needs nothing outside its folder: add it to the registry's list, and everything
 * the extension derives from vendors (settings and policy, the managed schema, the options page,
 * the sign-in form, the content script's config and page events, the session) serves it. The
 * vendor itself (tests/unit/vendors/sixth/) is never shipped.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { descriptionsFor } from '../../../scripts/managed-schema-descriptions';
import { buildManagedSchema } from '../../../scripts/managed-schema';
import { effectiveCapabilities } from '../../../utils/background/capabilities';
import { toContentConfig } from '../../../utils/background/content-config';
import { acceptPageEvent } from '../../../utils/background/page-events';
import { buildPanelState } from '../../../utils/background/panel-state';
import { systemClock } from '../../../utils/cti/adapter';
import { createSession } from '../../../utils/cti/session';
import { createCallStore, type KeyValueArea } from '../../../utils/cti/store';
import { VENDORS } from '../../../utils/cti/vendors';
import { parseContentConfig } from '../../../utils/settings/content-config';
import { resolveSettings } from '../../../utils/settings/policy';
import { buildSettingsSchema, type Settings } from '../../../utils/settings/schema';
import { connectionText, vendorChoices } from '../../../utils/ui/labels';
import { connectionFields } from '../../../utils/ui/schema-fields';
import { sixth } from './sixth';

/** The registry with one more line. */
const vendors = [...VENDORS, sixth] as const;
const schema = buildSettingsSchema(vendors);
const PORTAL = 'https://portal.sixth.example';
const POLICY = {
  vendor: 'sixth',
  connection: { sixth: { server: 'https://sixth.example.com', portalOrigin: `${PORTAL}/agent` } },
};

function memoryArea(): KeyValueArea {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

describe('a sixth vendor, added by one registry line', () => {
  it('gets its settings with their defaults, set and locked by policy', () => {
    expect(schema.parse({}).connection.sixth).toEqual({
      server: '',
      region: 'eu',
      portalOrigin: '',
    });
    const { settings, locked, problems } = resolveSettings({}, POLICY, schema);
    expect(problems).toEqual([]);
    expect(settings.vendor).toBe('sixth');
    expect(settings.connection.sixth.server).toBe('https://sixth.example.com');
    expect(locked).toContain('connection.sixth.server');
    const bad = resolveSettings({}, { connection: { sixth: { region: 'mars' } } }, schema);
    expect(bad.problems.map((p) => p.path)).toEqual(['connection.sixth.region']);
  });

  it('gets its managed-schema entries, described for admins', () => {
    const managed = buildManagedSchema(schema, descriptionsFor(vendors));
    expect(managed.properties?.vendor?.enum).toContain('sixth');
    expect(managed.properties?.vendor?.description).toContain('sixth (Sixth Telecom)');
    const entry = managed.properties?.connection?.properties?.sixth;
    expect(entry?.description).toBe('Sixth Telecom connection.');
    expect(entry?.properties?.region).toEqual({
      type: 'string',
      description: 'Sixth Telecom region: eu or us.',
      enum: ['eu', 'us'],
    });
  });

  it('gets its options-page fields and labels, and a place in the vendor list', () => {
    expect(vendorChoices(vendors).at(-1)).toEqual({ id: 'sixth', label: 'Sixth Telecom' });
    expect(connectionFields('sixth', vendors)).toEqual([
      { key: 'server', field: { kind: 'text' } },
      { key: 'region', field: { kind: 'enum', options: ['eu', 'us'] } },
      { key: 'portalOrigin', field: { kind: 'text' } },
    ]);
    expect(connectionText('sixth', 'region', vendors).options).toEqual({
      eu: 'Europe',
      us: 'United States',
    });
  });

  it('gets its sign-in form', () => {
    const { settings, locked } = resolveSettings({}, { vendor: 'sixth' }, schema);
    const state = buildPanelState({
      store: createCallStore({ storage: memoryArea(), clock: systemClock, key: 's' }).getState(),
      settings: settings as unknown as Settings,
      locked,
      vendor: sixth,
      capabilities: effectiveCapabilities(sixth.capabilities, settings as unknown as Settings),
      identity: undefined,
      recent: [],
    });
    expect(state.vendorLabel).toBe('Sixth Telecom');
    expect(state.signIn.fields.map((f) => f.label)).toEqual(['Agent ID', 'Secret']);
    expect(state.signIn.connectionFields).toEqual([
      {
        key: 'server',
        label: 'Sixth server',
        placeholder: 'https://sixth.example.com',
        value: '',
        locked: false,
      },
    ]);
  });

  it('gets its page events published to content scripts and checked by the background', () => {
    const { settings } = resolveSettings({}, POLICY, schema);
    const config = toContentConfig(settings as unknown as Settings, sixth);
    expect(config.portal).toEqual({
      origin: PORTAL,
      events: [{ key: 'sixthEvent', values: ['ringing'] }],
    });
    expect(parseContentConfig(config)).toEqual({ ok: true, config });
    const tab = { id: 4, url: `${PORTAL}/agent` } as Browser.tabs.Tab;
    const sender = { url: `${PORTAL}/agent`, frameId: 0, tab };
    const event = { sixthEvent: 'ringing', from: '+33123456789' };
    const connection = settings.connection.sixth;
    expect(acceptPageEvent(sixth, connection, sender, event)).toBe('portal');
    expect(acceptPageEvent(sixth, connection, { ...sender, frameId: 2 }, event)).toBeUndefined();
    expect(acceptPageEvent(sixth, connection, sender, { other: 'ringing' })).toBeUndefined();
  });

  it('signs in through the session and shows the calls its page reports', async () => {
    const { settings } = resolveSettings({}, POLICY, schema);
    const store = createCallStore({ storage: memoryArea(), clock: systemClock, key: 'store' });
    await store.ready;
    const session = createSession({
      createAdapter: () => sixth.create(settings),
      store,
      log: { debug() {}, info() {}, warn() {}, error() {} },
      fetch: globalThis.fetch,
      WebSocket: globalThis.WebSocket,
      secrets: memoryArea(),
      keys: { session: 'session', checkpoint: 'checkpoint' },
    });
    await session.start({ agentId: 'a-7', secret: 's3cret' });
    expect(store.getState().connection.status).toBe('connected');
    expect(session.deliver('portal', { sixthEvent: 'ringing', from: '+33123456789' })).toBe(true);
    expect(store.getState().calls.map((c) => [c.id, c.state, c.remote.e164])).toEqual([
      ['sixth:+33123456789', 'ringing', '+33123456789'],
    ]);
    await session.stop();
  });
});
