/**
 * Events a vendor's own web page reports (`VendorDescriptor.pageEvents`: uContact's agent portal,
 * vendors/README.md §4.4), forwarded by the content script. The background accepts one only from
 * the top frame of a tab whose page and frame are both on the origin the settings name, and only
 * when it is one of the events the vendor declares: a page elsewhere, or a frame inside the
 * portal, cannot feed calls. The adapter then validates the payload with its wire schema.
 */
import type { Browser } from 'wxt/browser';
import type { EventSource } from '../cti/adapter';
import { isPageEvent, type VendorDescriptor } from '../cti/vendor';
import { httpOriginOf } from '../lib/origin';

/** The origin whose pages may report events for `vendor` with these connection settings. */
export function pageEventOrigin(vendor: VendorDescriptor, connection: unknown): string {
  const events = vendor.pageEvents;
  if (!events || typeof connection !== 'object' || connection === null) return '';
  return httpOriginOf(events.origin(connection as Record<string, unknown>));
}

/** Where an accepted event goes (`Session.deliver`), or undefined when it must be dropped. */
export function acceptPageEvent(
  vendor: VendorDescriptor,
  connection: unknown,
  sender: Browser.runtime.MessageSender,
  payload: unknown,
): EventSource | undefined {
  const origin = pageEventOrigin(vendor, connection);
  const fromPage =
    origin !== '' &&
    (sender.frameId ?? 0) === 0 &&
    httpOriginOf(sender.url ?? '') === origin &&
    httpOriginOf(sender.tab?.url ?? '') === origin;
  if (!fromPage || !vendor.pageEvents || !isPageEvent(vendor.pageEvents.events, payload)) {
    return undefined;
  }
  return vendor.pageEvents.source;
}
