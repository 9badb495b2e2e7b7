/**
 * The CCS lists the panel offers beside the calls (vendors/README.md §5.4): pause reasons from the
 * presence options (api-pages §4.7) and queues from the ACDs (§4.6), read on every resync.
 */
import type { Logger } from '../../adapter';
import { CtiError, type VendorLists } from '../../model';
import { pauseReasons } from './agent';
import { readAcds, readPresenceOptions } from './reads';
import type { CcsRest } from './rest';
import type { Routes } from './routes';
import type { Acd, PresenceOption } from './wire';

export interface CcsLists {
  /** Undefined when CCS would not list them: keep the ones read before. */
  presenceOptions?: PresenceOption[];
  /** Undefined when CCS would not list them. */
  acds?: Acd[];
  /** Only the lists that were read: the store keeps the others as they were. */
  lists: VendorLists;
}

/** Reads both lists at once; each may be refused on its own without failing the other. */
export async function readLists(
  rest: CcsRest,
  routes: Routes,
  outboundQueueId: string,
  log: Logger | undefined,
): Promise<CcsLists> {
  const [options, acds] = await Promise.all([
    // Without the Tenants View permission there are no pause reasons to offer (§4.7).
    optional(readPresenceOptions(rest, routes), log, 'presence options'),
    // Without Voice IQs View there are no queues to redirect to (§4.6); calls still work.
    optional(readAcds(rest, routes, outboundQueueId), log, 'queues'),
  ]);
  const queues = acds?.map((acd) => ({
    code: acd.uuid,
    label: acd.name ?? acd.extension ?? acd.uuid,
  }));
  return {
    ...(options ? { presenceOptions: options } : {}),
    ...(acds ? { acds } : {}),
    lists: {
      ...(options ? { pauseReasons: pauseReasons(options) } : {}),
      ...(queues ? { queues } : {}),
    },
  };
}

/** A read the panel can do without: undefined when refused, but a dead token is still news. */
async function optional<T>(
  read: Promise<T>,
  log: Logger | undefined,
  what: string,
): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof CtiError && error.code === 'auth') throw error;
    log?.warn(`CCS ${what} unavailable`, error);
    return undefined;
  }
}
