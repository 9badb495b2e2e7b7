/**
 * Small state kept in the data directory besides the journal: a JSON file rewritten whole
 * (temporary file, fsync, rename), with writes coalesced for `delayMs` so a burst of changes —
 * thousands of subscriptions at start — costs a few writes. `flush()` writes at once (stop).
 *
 * `anywhere365Store` keeps the broker's subscription ids there, so a relay that crashed (and
 * could not unsubscribe) deletes its old subscriptions after subscribing again, instead of leaving
 * the broker posting every event twice until it restarts (relay/subscription.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from './log';
import type { SubscriptionStore } from './subscription';

export const SUBSCRIPTIONS_FILE = 'anywhere365-subscriptions.json';

export class JsonStateFile<T> {
  private pending: { value: T } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly log: Logger,
    private readonly delayMs = 200,
  ) {}

  /** The saved value; undefined when there is none or it is unreadable (logged). */
  read(): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.warn('unreadable', err);
      return undefined;
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: reported below like a wrong shape.
    }
    this.log.warn('state file ignored: not in the expected format', { file: this.path });
    return undefined;
  }

  write(value: T): void {
    this.pending = { value };
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref();
  }

  /** Writes the pending value now. Failures are logged, never thrown. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    const tmp = `${this.path}.tmp`;
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(pending.value) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
    } catch (err) {
      this.warn('could not be written', err);
    }
  }

  private warn(what: string, err: unknown): void {
    const error = (err as NodeJS.ErrnoException).code ?? 'unknown';
    this.log.warn(`state file ${what}`, { file: this.path, error });
  }
}

const SavedSubscriptions = z.object({
  version: z.literal(1),
  /** SHA-256 of the broker URL (which may hold credentials): ids only mean something there. */
  broker: z.string(),
  ids: z.record(z.string(), z.string().min(1).max(200)),
});
type SavedSubscriptions = z.infer<typeof SavedSubscriptions>;

/** The Anywhere365 subscription ids in `<dir>/anywhere365-subscriptions.json`. */
export function anywhere365Store(
  dir: string,
  brokerUrl: string,
  log: Logger,
): SubscriptionStore & { flush(): void } {
  const file = new JsonStateFile<SavedSubscriptions>(
    join(dir, SUBSCRIPTIONS_FILE),
    SavedSubscriptions,
    log,
  );
  const broker = createHash('sha256').update(brokerUrl.replace(/\/+$/, '')).digest('hex');
  return {
    load() {
      const saved = file.read();
      if (saved && saved.broker !== broker) {
        log.info('anywhere365: saved subscriptions belong to another broker URL; ignored');
        return new Map();
      }
      return new Map(Object.entries(saved?.ids ?? {}));
    },
    save(ids) {
      file.write({ version: 1, broker, ids: Object.fromEntries(ids) });
    },
    flush: () => file.flush(),
  };
}
