/**
 * The background's side of the content-script settings: it derives them from the resolved
 * settings (user values under policy), writes them at start and after every change, and only
 * when they differ from what is stored.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Logger } from '../cti/adapter';
import { resolveSettings, type ResolvedSettings } from '../settings/policy';
import type { ContentConfig } from '../settings/content-config';
import { STORAGE } from '../storage/registry';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { publishContentConfig, toContentConfig, type ContentConfigArea } from './content-config';

const CONTENT_CONFIG_KEY = STORAGE.session.contentConfig.key;

const log: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

/**
 * A publisher over fakeBrowser's storage (the area is abstract: the background gives it
 * storage.session), with settings the test sets and changes.
 */
function setup(user: unknown = {}, managed: unknown = {}) {
  let current = resolveSettings(user, managed);
  let notify = () => {};
  const area: ContentConfigArea = {
    get: (key) => fakeBrowser.storage.local.get(key),
    set: (items) => fakeBrowser.storage.local.set(items),
  };
  const set = vi.spyOn(area, 'set');
  const broadcast = vi.fn(async (_config: ContentConfig) => {});
  const controller = new AbortController();
  const publisher = publishContentConfig({
    area,
    broadcast,
    loadSettings: async () => current,
    watchSettings: (listener) => {
      notify = listener;
    },
    log,
    signal: controller.signal,
  });
  return {
    publisher,
    set,
    broadcast,
    controller,
    change(nextUser: unknown, nextManaged: unknown = managed) {
      current = resolveSettings(nextUser, nextManaged);
      notify();
    },
    stored: async () =>
      (await fakeBrowser.storage.local.get(CONTENT_CONFIG_KEY))[CONTENT_CONFIG_KEY] as
        ContentConfig | undefined,
  };
}

describe('toContentConfig', () => {
  it('carries the click-to-dial settings, and no portal unless uContact is the vendor', () => {
    const click = { ...DEFAULT_SETTINGS.clickToDial, defaultCountry: 'US' };
    expect(toContentConfig({ ...DEFAULT_SETTINGS, clickToDial: click })).toEqual({
      version: 1,
      clickToDial: {
        enabled: true,
        defaultCountry: 'US',
        sites: { mode: 'all', patterns: [] },
        blockedPrefixes: [],
        confirmInternational: false,
        telLinks: false,
      },
      portal: { origin: '' },
    });
    // A country still unknown is left out: the frames then find only numbers with their code.
    expect(toContentConfig(DEFAULT_SETTINGS).clickToDial).not.toHaveProperty('defaultCountry');
    const portalOrigin = 'https://Portal.Example.com:8443/agent/#/home';
    const xivo = resolveSettings({ connection: { ucontact: { portalOrigin } } }, {}).settings;
    expect(toContentConfig(xivo).portal.origin).toBe('');
    const ucontact = resolveSettings(
      { vendor: 'ucontact', connection: { ucontact: { portalOrigin } } },
      {},
    ).settings;
    expect(toContentConfig(ucontact).portal.origin).toBe('https://portal.example.com:8443');
  });

  it('holds nothing but what content scripts need: no connection details, no screen-pop', () => {
    const { settings }: ResolvedSettings = resolveSettings(
      {
        vendor: 'ucontact',
        connection: { ucontact: { baseUrl: 'https://u.example', agent: 'a' } },
      },
      {},
    );
    expect(Object.keys(toContentConfig(settings))).toEqual(['version', 'clickToDial', 'portal']);
    expect(JSON.stringify(toContentConfig(settings))).not.toContain('u.example');
  });
});

describe('publishContentConfig', () => {
  it('publishes the resolved settings at start, policy winning over the user', async () => {
    const h = setup(
      { clickToDial: { defaultCountry: 'FR', telLinks: true } },
      { clickToDial: { defaultCountry: 'BE', blockedPrefixes: ['+1900'] } },
    );
    await h.publisher.settled();
    expect(await h.stored()).toMatchObject({
      clickToDial: { defaultCountry: 'BE', telLinks: true, blockedPrefixes: ['+1900'] },
    });
  });

  it('republishes after a change, and writes nothing when the result is the same', async () => {
    const h = setup();
    await h.publisher.settled();
    expect(h.set).toHaveBeenCalledTimes(1);
    // A change elsewhere in the settings leaves the content scripts' part alone.
    h.change({ screenPop: { allowedOrigins: ['https://crm.example.com'] } });
    await h.publisher.settled();
    expect(h.set).toHaveBeenCalledTimes(1);
    h.change({}, { clickToDial: { enabled: false } });
    await h.publisher.settled();
    expect(h.set).toHaveBeenCalledTimes(2);
    expect((await h.stored())?.clickToDial.enabled).toBe(false);
  });

  it('sends every new config to the content scripts, and nothing when it did not change', async () => {
    const h = setup();
    await h.publisher.settled();
    expect(h.broadcast).toHaveBeenCalledTimes(1);
    h.change({ screenPop: { allowedOrigins: ['https://crm.example.com'] } });
    await h.publisher.settled();
    expect(h.broadcast).toHaveBeenCalledTimes(1);
    h.change({ clickToDial: { blockedPrefixes: ['+44'] } });
    await h.publisher.settled();
    expect(h.broadcast).toHaveBeenCalledTimes(2);
    expect(h.broadcast.mock.calls[1]?.[0].clickToDial.blockedPrefixes).toEqual(['+44']);
    const restarted = setup({ clickToDial: { blockedPrefixes: ['+44'] } });
    await restarted.publisher.settled();
    expect(restarted.broadcast).not.toHaveBeenCalled();
  });

  it('writes nothing at a worker restart when the stored config is current', async () => {
    await setup({ clickToDial: { telLinks: true } }).publisher.settled();
    const restarted = setup({ clickToDial: { telLinks: true } });
    await restarted.publisher.settled();
    expect(restarted.set).not.toHaveBeenCalled();
  });

  it('replaces what an older version stored', async () => {
    await fakeBrowser.storage.local.set({ [CONTENT_CONFIG_KEY]: { version: 0 } });
    const h = setup();
    await h.publisher.settled();
    expect(await h.stored()).toEqual(toContentConfig(DEFAULT_SETTINGS));
  });

  it('ends with the latest settings when changes come in quick succession', async () => {
    const h = setup();
    h.change({ clickToDial: { defaultCountry: 'DE' } });
    h.change({ clickToDial: { defaultCountry: 'NL' } });
    await h.publisher.settled();
    expect((await h.stored())?.clickToDial.defaultCountry).toBe('NL');
  });

  it('logs a failed write and tries again at the next change', async () => {
    const h = setup();
    h.set.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await h.publisher.settled();
    expect(log.warn).toHaveBeenCalledWith(
      'could not publish the content-script settings',
      expect.any(Error),
    );
    expect(await h.stored()).toBeUndefined();
    h.change({ clickToDial: { telLinks: true } });
    await h.publisher.settled();
    expect((await h.stored())?.clickToDial.telLinks).toBe(true);
  });

  it('stops publishing once its signal aborts', async () => {
    const h = setup();
    await h.publisher.settled();
    h.controller.abort();
    h.change({ clickToDial: { enabled: false } });
    await h.publisher.settled();
    expect((await h.stored())?.clickToDial.enabled).toBe(true);
  });
});
