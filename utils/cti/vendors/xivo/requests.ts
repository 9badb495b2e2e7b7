/**
 * Request/answer pairs over the xuc socket. xuc never replies to a command as such: the answer
 * is a later event (directoryLookUp → DirectoryResult, setAgentQueue → QueueMember, takeCallback
 * → CallbackTaken…), and for some commands a failure sends nothing at all (api-pages
 * "setAgentQueue": "does not send anything in case of failure"). So each request waits for the
 * first event its matcher accepts, and gives up after the configured time with a CtiError
 * `timeout` whose sentence tells the agent what may not have happened.
 */
import type { Clock } from '../../adapter';
import { CtiError } from '../../model';
import type { InboundMessage } from './wire';

/** What a matcher says about one event: not mine (undefined), my answer, or my refusal. */
export type Answer<T> = { value: T } | { error: CtiError } | undefined;

export interface AskOptions<T> {
  /** Sends the request's frames; a throw (socket gone) rejects the request. */
  send(): void;
  match(message: InboundMessage): Answer<T>;
  /** The sentence of the timeout error: what the agent should know went unconfirmed. */
  late: string;
}

interface Waiter {
  offer(message: InboundMessage): boolean;
  fail(error: CtiError): void;
}

export class Requests {
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly clock: () => Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves with the first answer `match` accepts; rejects on refusal, timeout or close. */
  ask<T>(options: AskOptions<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const clock = this.clock();
      const done = () => {
        clock.clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        offer: (message) => {
          const answer = options.match(message);
          if (!answer) return false;
          done();
          if ('error' in answer) reject(answer.error);
          else resolve(answer.value);
          return true;
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = clock.setTimeout(
        () => waiter.fail(new CtiError('timeout', options.late)),
        this.timeoutMs,
      );
      this.waiters.add(waiter);
      try {
        options.send();
      } catch (error) {
        waiter.fail(
          error instanceof CtiError ? error : new CtiError('network', 'Not connected to XiVO'),
        );
      }
    });
  }

  /** Hands one event to every waiting request; each takes at most one answer. */
  offer(message: InboundMessage): void {
    for (const waiter of [...this.waiters]) waiter.offer(message);
  }

  /** The connection is gone: nothing will answer. */
  failAll(error: CtiError): void {
    for (const waiter of [...this.waiters]) waiter.fail(error);
  }

  get pending(): number {
    return this.waiters.size;
  }
}
