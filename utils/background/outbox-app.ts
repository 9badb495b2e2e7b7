/**
 * The outbox as the background runs it (outbox.ts): stored in its own IndexedDB, sent through the
 * session, tried at start, whenever the connection comes back and on the background's alarm
 * (`kick`), and shown in the panel. Also the one way the background reports a storage failure.
 */
import type { Clock, Logger } from '../cti/adapter';
import type { Session } from '../cti/session';
import type { CallStore } from '../cti/store';
import { vendorDescriptor } from '../cti/vendors';
import { storageFailureMessage } from '../lib/storage-failure';
import { createOutboxStore, openOutboxDb, type OutboxStore } from '../storage/outbox-db';
import { createOutbox, type Outbox } from './outbox';

export type StorageFailed = (what: string, error: unknown) => void;

/** Logs a storage failure and shows it as a notice in the panel. */
export function storageNotices(store: CallStore, log: Logger): StorageFailed {
  return (what, error) => {
    log.warn(what, error);
    store.addNotice('error', storageFailureMessage(what, error));
  };
}

/** Any vendor's label by registry id: an item may be for a vendor no longer in use. */
export const vendorLabel = (id: string): string => {
  try {
    return vendorDescriptor(id).label;
  } catch {
    return id;
  }
};

export interface AppOutboxDeps {
  store: CallStore;
  session(): Session;
  /** The vendor in the settings (its registry id). */
  vendorId(): string;
  /** The user name of the sign-in under way, if any. */
  signedInAccount(): string | undefined;
  /** The panels, told when the items change. */
  views(): { broadcast(): void };
  storageFailed: StorageFailed;
  clock: Clock;
  log: Logger;
  /** Tests give their own storage. */
  outboxStore?: OutboxStore | undefined;
}

export function createAppOutbox(deps: AppOutboxDeps): Outbox {
  const { store } = deps;
  const outbox = createOutbox({
    store: deps.outboxStore ?? createOutboxStore(openOutboxDb()),
    clock: deps.clock,
    log: deps.log,
    connectedVendor: () =>
      store.getState().connection.status === 'connected' ? deps.vendorId() : undefined,
    signedInAccount: deps.signedInAccount,
    vendorLabel,
    send: (item) => deps.session().executeQueued(item.command, item.call),
    changed: () => deps.views().broadcast(),
    storageFailed: deps.storageFailed,
    newKey: () => crypto.randomUUID(),
  });
  // The connection coming back is the moment a waiting write can go.
  let connected = false;
  store.subscribe((state) => {
    const now = state.connection.status === 'connected';
    if (now && !connected) outbox.kick();
    connected = now;
  });
  return outbox;
}
