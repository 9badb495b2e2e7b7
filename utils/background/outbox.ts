/**
 * The outbox: vendor writes that must not be lost (a disposition and its notes, the call-back
 * that goes with it; later, any other write a feature adds as a command), kept in IndexedDB
 * (utils/storage/outbox-db.ts) until the vendor accepts them or the agent discards them.
 *
 * - **Retries.** An item is tried at once, then after each step of `BACKOFF_MS`, then every last
 *   step, for ever: nothing is dropped. Items are also tried when the worker starts, when the
 *   connection comes back (`kick`), and on the background's alarm (a stopped worker keeps no
 *   timer). An item waits, uncounted, while the agent is not connected to its vendor.
 * - **Exactly once.** Each item has an idempotency key; one sender works through items one at a
 *   time. Before a request goes out the item is written `sending`; after the vendor's answer it
 *   is deleted (accepted) or written back with the outcome. A worker that starts and finds an item
 *   `sending` knows only that an attempt was cut short between the request and its record: the
 *   item is sent again, with the same key, on the assumption that the vendor applies the same
 *   write to the same call once (docs/vendors.md lists it per vendor); a write that could act
 *   twice if repeated (one that schedules a call back) is held `uncertain` for the agent instead.
 * - **Refusals.** A write the vendor refuses for good stays, `rejected`, with the vendor's reason,
 *   until the agent retries, edits or discards it.
 * - **Storage failures** (a quota, a broken database) are reported through `storageFailed` and
 *   never stop a send: a write that cannot be queued is sent directly, and its outcome told.
 */
import type { Clock, Logger } from '../cti/adapter';
import { toCtiError, type Call, type Command } from '../cti/model';
import type { OutboxItem, OutboxStore } from '../storage/outbox-db';
import { t } from '../i18n/runtime';

/** Waits after the 1st, 2nd… failed attempt; the last one repeats for ever. */
export const BACKOFF_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000] as const;

/** The vendor refused: trying the same write again cannot succeed. */
const DEFINITIVE = new Set(['rejected', 'unsupported', 'config']);

export const INTERRUPTED_CALLBACK = () => t('outboxReasons.interrupted');

function withAccount(account: string | undefined): { account?: string } {
  return account ? { account } : {};
}

export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1), BACKOFF_MS.length) - 1]!;
}

export interface OutboxDeps {
  store: OutboxStore;
  clock: Clock;
  log: Logger;
  /** The vendor whose session can take writes now; undefined while not connected. */
  connectedVendor(): string | undefined;
  /**
   * The user name the agent signed in with (undefined when signed out, or when the sign-in names
   * nobody): an item is sent only in the name of the agent who queued it.
   */
  signedInAccount(): string | undefined;
  vendorLabel(vendorId: string): string;
  /** Carries the write out; rejects with a CtiError. */
  send(item: OutboxItem): Promise<void>;
  /** The items changed: the panel shows them. */
  changed(): void;
  /** Storage failed: the panel shows it; `what` says what could not be done. */
  storageFailed(what: string, error: unknown): void;
  newKey(): string;
}

/** What became of a write on its first attempt. */
export type FirstOutcome =
  | { status: 'sent' }
  /** Kept for a later attempt; `reason`: why it is not sent yet. */
  | { status: 'queued'; reason: string }
  /** The vendor refused it: nothing is kept. */
  | { status: 'rejected'; reason: string }
  /** Not sent, and storage could not keep it either: nothing is kept. */
  | { status: 'failed'; reason: string };

export interface Outbox {
  /** Resolves once the stored items are loaded. */
  ready: Promise<void>;
  /** Every item, oldest first, as last known. */
  readonly items: readonly OutboxItem[];
  /** Queue a write and try it at once; resolves with that first attempt's outcome. */
  submit(vendor: string, command: Command, call?: Call): Promise<FirstOutcome>;
  /** Try whatever is due now (start, reconnect, alarm). */
  kick(): void;
  /** The agent's actions on an item. */
  retry(key: string): Promise<void>;
  discard(key: string): Promise<void>;
  /** Replace the write (a corrected disposition) and send it again. */
  edit(key: string, command: Command): Promise<void>;
}

/** `item` without `field`. */
function without<T extends object, K extends keyof T>(item: T, field: K): Omit<T, K> {
  const copy = { ...item };
  delete copy[field];
  return copy;
}

/** The outbox (see the file comment); `createOutbox` builds one. */
class OutboxService implements Outbox {
  readonly ready: Promise<void>;
  private list: OutboxItem[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timer: unknown;
  /** Keys the vendor accepted whose record could not be deleted: never sent again. */
  private readonly delivered = new Set<string>();

  constructor(private readonly deps: OutboxDeps) {
    this.ready = this.serial(() => this.load());
  }

  get items(): readonly OutboxItem[] {
    return this.list;
  }

  kick(): void {
    void this.serial(() => this.flushDue()).catch((error: unknown) =>
      this.deps.log.error('outbox flush failed', error),
    );
  }

  async submit(vendor: string, command: Command, call?: Call): Promise<FirstOutcome> {
    await this.ready;
    const now = this.deps.clock.now();
    const item: OutboxItem = {
      key: this.deps.newKey(),
      vendor,
      ...withAccount(this.deps.signedInAccount()),
      command,
      ...(call ? { call } : {}),
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAt: now,
    };
    return this.serial(() => this.first(item));
  }

  async retry(key: string): Promise<void> {
    await this.act(key, (item) => this.resend(item));
    this.kick();
  }

  async discard(key: string): Promise<void> {
    await this.act(key, (item) => this.forget(item.key));
  }

  async edit(key: string, command: Command): Promise<void> {
    await this.act(key, (item) => this.resend({ ...item, command }));
    this.kick();
  }

  /** One sender: everything that reads or writes items runs here, one step at a time. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private setLocal(item: OutboxItem): void {
    const index = this.list.findIndex((i) => i.key === item.key);
    if (index >= 0) this.list[index] = item;
    else this.list.push(item);
    this.deps.changed();
  }

  private removeLocal(key: string): void {
    this.list = this.list.filter((i) => i.key !== key);
    this.deps.changed();
  }

  /** Write the item; false (after reporting it) when storage failed. */
  private async save(item: OutboxItem, what: string): Promise<boolean> {
    this.setLocal(item);
    try {
      await this.deps.store.put(item);
      return true;
    } catch (error) {
      this.deps.storageFailed(what, error);
      return false;
    }
  }

  private async forget(key: string): Promise<void> {
    this.removeLocal(key);
    try {
      await this.deps.store.delete(key);
      this.delivered.delete(key);
    } catch (error) {
      // Kept out of every later attempt until the record can go (`clearDelivered`).
      this.deps.storageFailed(t('storage.clearOutbox'), error);
    }
  }

  /** Why an item cannot be tried now, or undefined when it can. */
  private waitReason(item: OutboxItem): string | undefined {
    const connected = this.deps.connectedVendor();
    const label = this.deps.vendorLabel(item.vendor);
    if (connected === undefined) return t('outboxReasons.connection', { vendor: label });
    if (connected !== item.vendor) return t('outboxReasons.signIn', { vendor: label });
    if (item.account !== undefined && item.account !== this.deps.signedInAccount())
      return t('outboxReasons.account', { account: item.account, vendor: label });
    return undefined;
  }

  /**
   * One attempt; the item's new state is recorded whatever happens. `stored`: whether storage
   * holds the item's latest state (false after a storage failure).
   */
  private async attempt(item: OutboxItem): Promise<{ outcome: FirstOutcome; stored: boolean }> {
    const { clock } = this.deps;
    const sending: OutboxItem = {
      ...item,
      status: 'sending',
      attempts: item.attempts + 1,
      sendingSince: clock.now(),
    };
    // Write-ahead: without this record a cut-short attempt could not be told at the next start.
    await this.save(sending, t('storage.recordSend'));
    try {
      await this.deps.send(sending);
    } catch (error) {
      const failure = toCtiError(error);
      const definitive = DEFINITIVE.has(failure.code);
      const next: OutboxItem = {
        ...without(sending, 'sendingSince'),
        status: definitive ? 'rejected' : 'pending',
        reason: failure.message,
        nextAt: definitive ? Number.MAX_SAFE_INTEGER : clock.now() + backoffMs(sending.attempts),
      };
      const stored = await this.save(next, t('storage.updateOutbox'));
      const outcome: FirstOutcome = definitive
        ? { status: 'rejected', reason: failure.message }
        : { status: 'queued', reason: failure.message };
      return { outcome, stored };
    }
    this.delivered.add(sending.key);
    await this.forget(sending.key);
    return { outcome: { status: 'sent' }, stored: true };
  }

  /** A new item's first attempt, or its first record when it cannot be tried yet. */
  private async first(item: OutboxItem): Promise<FirstOutcome> {
    const waiting = this.waitReason(item);
    if (waiting) {
      const kept = await this.save({ ...item, reason: waiting }, t('storage.keepWrite'));
      if (kept) return { status: 'queued', reason: waiting };
      this.removeLocal(item.key);
      return { status: 'failed', reason: waiting };
    }
    const { outcome, stored } = await this.attempt(item);
    // Refused on the spot: the agent sees why in the form they just sent, and can correct it.
    if (outcome.status === 'rejected') await this.forget(item.key);
    if (outcome.status === 'queued' && !stored) {
      // Not sent and not kept: say so rather than claim it will be sent later.
      await this.forget(item.key);
      return { status: 'failed', reason: outcome.reason };
    }
    this.schedule();
    return outcome;
  }

  /** Records of delivered items that could not be deleted before: try again. */
  private async clearDelivered(): Promise<void> {
    for (const key of [...this.delivered]) {
      try {
        await this.deps.store.delete(key);
        this.delivered.delete(key);
      } catch {
        return; // still failing: reported already
      }
    }
  }

  private async flushDue(): Promise<void> {
    await this.clearDelivered();
    for (const item of [...this.list]) {
      if (item.status !== 'pending' || this.delivered.has(item.key)) continue;
      if (item.nextAt > this.deps.clock.now()) continue;
      const waiting = this.waitReason(item);
      if (waiting) {
        if (item.reason !== waiting) this.setLocal({ ...item, reason: waiting });
        continue;
      }
      await this.attempt(item);
    }
    this.schedule();
  }

  /** A timer for the next item due while this worker lives; the alarm covers a stopped one. */
  private schedule(): void {
    const { clock } = this.deps;
    if (this.timer !== undefined) clock.clearTimeout(this.timer);
    this.timer = undefined;
    const due = this.list.filter((i) => i.status === 'pending').map((i) => i.nextAt);
    if (due.length === 0) return;
    const wait = Math.max(1_000, Math.min(...due) - clock.now());
    this.timer = clock.setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, wait);
  }

  /** At start: an item left `sending` was cut short (see the file comment). */
  private recovered(item: OutboxItem): OutboxItem {
    if (item.status !== 'sending') return item;
    const rest = without(item, 'sendingSince');
    const risky =
      (item.command.type === 'dispose' && item.command.callbackAt !== undefined) ||
      item.command.type === 'scheduleCallback';
    return risky
      ? {
          ...rest,
          status: 'uncertain',
          reason: INTERRUPTED_CALLBACK(),
          nextAt: Number.MAX_SAFE_INTEGER,
        }
      : { ...rest, status: 'pending', nextAt: this.deps.clock.now() };
  }

  private async load(): Promise<void> {
    try {
      const stored = await this.deps.store.all();
      this.list = stored.map((item) => this.recovered(item));
      this.deps.changed();
      for (const [index, item] of this.list.entries()) {
        if (item !== stored[index]) await this.save(item, t('storage.updateOutbox'));
      }
    } catch (error) {
      this.deps.storageFailed(t('storage.readOutbox'), error);
    }
  }

  /** Runs `change` on the item with this key, if it is still there and not being sent. */
  private act(key: string, change: (item: OutboxItem) => Promise<unknown>): Promise<void> {
    return this.serial(async () => {
      const item = this.list.find((i) => i.key === key);
      if (!item || item.status === 'sending') throw new Error(t('outboxActions.alreadySent'));
      await change(item);
    });
  }

  private resend(item: OutboxItem): Promise<boolean> {
    const next: OutboxItem = {
      ...without(item, 'reason'),
      status: 'pending',
      nextAt: this.deps.clock.now(),
    };
    return this.save(next, t('storage.updateOutbox'));
  }
}

export function createOutbox(deps: OutboxDeps): Outbox {
  return new OutboxService(deps);
}
