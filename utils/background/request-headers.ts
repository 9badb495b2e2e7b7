/**
 * Headers a vendor needs on its HTTP requests that `fetch` may not set, above all `Cookie`
 * (MaxContact's `TokenKey`, vendors/README.md §3.3). One declarativeNetRequest session rule adds
 * them to the extension's own requests under the vendor's URL prefix, and to nothing else: not
 * to pages, and not to the browser's cookie jar, so the token never leaves the background.
 */
import type { RequestHeaders } from '../cti/adapter';

/** The slice of `browser.declarativeNetRequest` this needs. */
export interface SessionRulesApi {
  updateSessionRules(options: {
    removeRuleIds?: number[];
    addRules?: SessionRule[];
  }): Promise<void>;
}

export interface SessionRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'set'; value: string }[];
  };
  condition: { regexFilter: string; tabIds: number[]; resourceTypes: 'xmlhttprequest'[] };
}

const RULE_ID = 1;
/** Requests that no tab made: the background's own. */
const NO_TAB = -1;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRequestHeaders(api: SessionRulesApi): RequestHeaders {
  // Calls apply in order (the contract): a reconnect's clear must not land after the new set.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    set: (urlPrefix, headers) =>
      enqueue(() =>
        api.updateSessionRules({
          removeRuleIds: [RULE_ID],
          addRules: [
            {
              id: RULE_ID,
              priority: 1,
              action: {
                type: 'modifyHeaders',
                requestHeaders: Object.entries(headers).map(([header, value]) => ({
                  header,
                  operation: 'set',
                  value,
                })),
              },
              condition: {
                regexFilter: `^${escapeRegex(urlPrefix)}`,
                tabIds: [NO_TAB],
                resourceTypes: ['xmlhttprequest'],
              },
            },
          ],
        }),
      ),
    clear: () => enqueue(() => api.updateSessionRules({ removeRuleIds: [RULE_ID] })),
  };
}
