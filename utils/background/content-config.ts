/**
 * Publishes the `ContentConfig` (utils/settings/content-config.ts): the few resolved settings
 * that content scripts need, so that they never load the zod schema. Content scripts get it by
 * message, read-only: a frame asks with `content/config` when it starts (handlers.ts answers
 * from the settings in force), and every frame of every tab is sent `tab/config` when it changes.
 *
 * Not through `storage.local`, as up to Switchboard 0.3: content scripts can write that area,
 * and one compromised frame could have rewritten what every other frame runs with. Not through
 * `storage.session` either: a content script can read it only at access level
 * TRUSTED_AND_UNTRUSTED_CONTEXTS, which lets it write as well. The last config sent is kept in
 * `storage.session` (extension contexts only), so that a restarted worker, which finds it
 * current, sends nothing: every send wakes the listener of every frame of every tab.
 */
import type { Logger } from '../cti/adapter';
import type { ResolvedSettings } from '../settings/policy';
import type { Settings } from '../settings/schema';
import { CONTENT_CONFIG_VERSION, type ContentConfig } from '../settings/content-config';
import { STORAGE } from '../storage/registry';
import type { VendorDescriptor } from '../cti/vendor';
import { vendorDescriptor } from '../cti/vendors';
import { pageEventOrigin } from './page-events';

const KEY = STORAGE.session.contentConfig.key;

/** The part of `storage.session` the publisher uses. */
export interface ContentConfigArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function toContentConfig(
  settings: Settings,
  vendor: VendorDescriptor = vendorDescriptor(settings.vendor),
): ContentConfig {
  const click = settings.clickToDial;
  const connection = (settings.connection as Record<string, unknown>)[vendor.id];
  const origin = pageEventOrigin(vendor, connection);
  return {
    version: CONTENT_CONFIG_VERSION,
    clickToDial: {
      enabled: click.enabled,
      ...(click.defaultCountry !== undefined ? { defaultCountry: click.defaultCountry } : {}),
      sites: { mode: click.sites.mode, patterns: [...click.sites.patterns] },
      blockedPrefixes: [...click.blockedPrefixes],
      confirmInternational: click.confirmInternational,
      telLinks: click.telLinks,
    },
    // Only the page of the vendor in use may feed call events (VendorDescriptor.pageEvents).
    portal:
      origin && vendor.pageEvents
        ? {
            origin,
            events: vendor.pageEvents.events.map(({ key, values }) => ({
              key,
              values: [...values],
            })),
          }
        : { origin: '' },
  };
}

export interface ContentConfigPublisherDeps {
  area: ContentConfigArea;
  loadSettings(): Promise<ResolvedSettings>;
  /** Calls back after every change of the user's values or the policy (storage/user-settings.ts). */
  watchSettings(listener: () => void, signal?: AbortSignal): void;
  /** Sends the new config to every frame of every tab (`tab/config`), after it is stored. */
  broadcast?(config: ContentConfig): Promise<void>;
  log: Logger;
  signal?: AbortSignal;
}

export interface ContentConfigPublisher {
  /** Settles when the writes asked for so far are done (for tests and callers that wait). */
  settled(): Promise<void>;
}

/**
 * Starts publishing. Call it synchronously at worker start: it registers its settings listener
 * at once, like every other background listener (DESIGN.md "Treat the service worker as
 * disposable").
 */
export function publishContentConfig(deps: ContentConfigPublisherDeps): ContentConfigPublisher {
  const { area, log } = deps;
  let written: string | undefined;
  let latest = 0;
  let queue: Promise<void> = Promise.resolve();

  async function write(config: ContentConfig): Promise<void> {
    const json = JSON.stringify(config);
    if (written === undefined) {
      // A restarted worker finds the config it published before: most starts write nothing.
      const stored = (await area.get(KEY))[KEY];
      written = stored === undefined ? '' : JSON.stringify(stored);
    }
    if (json === written) return;
    await area.set({ [KEY]: config });
    written = json;
    await deps.broadcast?.(config);
  }

  function refresh(): void {
    // Loads may finish out of order when changes come in quick succession: only the last counts.
    const ticket = ++latest;
    queue = queue
      .then(async () => {
        const resolved = await deps.loadSettings();
        if (ticket !== latest || deps.signal?.aborted) return;
        await write(toContentConfig(resolved.settings));
      })
      .catch((error: unknown) => {
        // A stale config stays in place; the next change or worker start tries again.
        written = undefined;
        log.warn('could not publish the content-script settings', error);
      });
  }

  deps.watchSettings(refresh, deps.signal);
  refresh();
  return { settled: () => queue };
}
