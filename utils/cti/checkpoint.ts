/**
 * The store behind AdapterContext.checkpoint: one value per session in `storage.session`, written
 * in order, and only by the connection that is current (a torn-down one cannot overwrite its
 * successor's).
 */
import type { Checkpoint, Logger } from './adapter';
import type { KeyValueArea } from './store';

export interface Checkpoints {
  /** The checkpoint a connection gets; its writes are dropped once `isCurrent()` is false. */
  forLink(isCurrent: () => boolean): Checkpoint;
  /** Forget the value (sign-in, sign-out). */
  clear(): void;
  /** Resolves when every write so far has settled. */
  flushed(): Promise<void>;
}

export function createCheckpoints(area: KeyValueArea, key: string, log: Logger): Checkpoints {
  let writing: Promise<void> = Promise.resolve();
  const write = (value: unknown): Promise<void> => {
    const next = writing.then(() => area.set(key, value));
    writing = next.catch((error: unknown) => log.warn('could not save a checkpoint', error));
    return next;
  };
  return {
    forLink: (isCurrent) => ({
      get: () => writing.then(() => area.get(key)),
      set: (value) => (isCurrent() ? write(value) : Promise.resolve()),
    }),
    clear: () => void write(null).catch(() => undefined),
    flushed: () => writing,
  };
}
