/**
 * Feeding an adapter frames through its own socket listener, so a property covers the whole
 * translation path (parse, track, emit), with a throw reaching the property instead of
 * disappearing into an event loop. Also: what every event an adapter emits must satisfy.
 */
import { AgentState, CallUpdate, type CtiEvent } from '../../../utils/cti/model';

interface Listener {
  type: string;
  fn: (event: Event) => void;
}

export interface Tap {
  /** A WebSocket class whose instances are tapped; pass it to the adapter's context. */
  WebSocket: typeof WebSocket;
  /** Every text frame the sockets received, in order (the real frames of a scenario). */
  received: string[];
  /** The newest socket's `message` listeners, called directly with `data`: a throw propagates. */
  inject(data: unknown): void;
  sockets(): number;
}

/** Wraps a WebSocket class (a test double or `ws`) so frames can be recorded and injected. */
export function tapWebSocket(Base: typeof WebSocket): Tap {
  const received: string[] = [];
  const all: { socket: EventTarget; listeners: Listener[] }[] = [];
  class Tapped extends (Base as unknown as new (url: string) => EventTarget) {
    constructor(url: string) {
      super(url);
      const entry = { socket: this as EventTarget, listeners: [] as Listener[] };
      all.push(entry);
      const add = this.addEventListener.bind(this);
      this.addEventListener = ((type: string, fn: (event: Event) => void, options?: unknown) => {
        if (type === 'message') {
          entry.listeners.push({ type, fn });
          const recording = (event: Event) => {
            const data = (event as MessageEvent).data as unknown;
            received.push(typeof data === 'string' ? data : String(data));
            fn(event);
          };
          return add(type, recording, options as AddEventListenerOptions);
        }
        return add(type, fn as EventListener, options as AddEventListenerOptions);
      }) as typeof this.addEventListener;
    }
  }
  return {
    WebSocket: Tapped as unknown as typeof WebSocket,
    received,
    sockets: () => all.length,
    inject(data) {
      const entry = all.at(-1);
      if (!entry) throw new Error('No socket was opened');
      const event = { type: 'message', data } as unknown as MessageEvent;
      for (const listener of entry.listeners) listener.fn(event);
    },
  };
}

/** Why `event` is not something the core may act on, or undefined when it is well formed. */
export function eventProblem(event: CtiEvent): string | undefined {
  switch (event.type) {
    case 'callUpsert': {
      const r = CallUpdate.safeParse(event.call);
      return r.success ? undefined : `callUpsert: ${r.error.issues[0]?.message}`;
    }
    case 'callsSnapshot':
      for (const call of event.calls) {
        const r = CallUpdate.safeParse(call);
        if (!r.success) return `callsSnapshot: ${r.error.issues[0]?.message}`;
      }
      return undefined;
    case 'agent': {
      const r = AgentState.safeParse(event.agent);
      return r.success ? undefined : `agent: ${r.error.issues[0]?.message}`;
    }
    case 'callEnded':
      return typeof event.callId === 'string' &&
        event.callId !== '' &&
        Number.isFinite(event.endedAt)
        ? undefined
        : 'callEnded without a call id or time';
    case 'protocolError':
    case 'notice':
      return typeof event.message === 'string' && event.message !== ''
        ? undefined
        : `${event.type} without a message`;
    default:
      return undefined;
  }
}

/** Fails with the first malformed event among `events`. */
export function expectWellFormed(events: readonly CtiEvent[], frame: unknown): void {
  for (const event of events) {
    const problem = eventProblem(event);
    if (problem) throw new Error(`${problem}\nafter frame ${JSON.stringify(frame)?.slice(0, 300)}`);
  }
}

/**
 * Unhandled rejections while a property runs: an adapter that throws inside a promise it does
 * not await fails the property too. Call `check()` after each case has settled.
 */
export function watchRejections(): { check(): void; stop(): void } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', onRejection);
  return {
    check() {
      if (seen.length > 0) {
        const reason = seen.splice(0)[0];
        throw new Error(
          `unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`,
        );
      }
    },
    stop: () => void process.off('unhandledRejection', onRejection),
  };
}

/** Lets pending promise callbacks and immediates run. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
