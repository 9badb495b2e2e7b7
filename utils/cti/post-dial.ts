/**
 * The extension written after a dialled number ("+1 212 555 0123 x45"). None of our platforms
 * takes an extension with the dial itself (vendors/README.md), so it is keyed in the way a desk
 * phone user would: as DTMF once the call it started is answered, after a short pause for the
 * far end's greeting. A platform that cannot send DTMF gets a notice telling the agent which
 * extension to key in on their phone instead.
 */
import type { Clock } from './adapter';
import type { CallTransition } from './store';
import { t } from '../i18n/runtime';

/** How long after the answer the extension is keyed in: a desk phone's pause (",") is 2 s. */
export const EXTENSION_PAUSE_MS = 2000;

export interface PostDialDeps {
  clock: Clock;
  /** Sends DTMF on the call (the `sendDtmf` command); rejects with the reason it could not. */
  sendDtmf(callId: string, digits: string): Promise<void>;
  notice(level: 'info' | 'warning', message: string): void;
}

export interface PostDial {
  /** A dial to `e164` with `extension` was accepted; `canSendDtmf`: the vendor has `sendDtmf`. */
  dialled(target: { e164: string; extension?: string }, canSendDtmf: boolean): void;
  /** What the call store reports; finds the dialled call and keys the extension in once. */
  onTransitions(transitions: readonly CallTransition[]): void;
}

interface Pending {
  e164: string;
  extension: string;
  /** The call the dial started, once it shows up. */
  callId?: string;
  timer?: unknown;
}

export function createPostDial(deps: PostDialDeps): PostDial {
  let pending: Pending | undefined;

  function forget(): void {
    if (pending?.timer !== undefined) deps.clock.clearTimeout(pending.timer);
    pending = undefined;
  }

  function keyIn(current: Pending, callId: string): void {
    current.timer = deps.clock.setTimeout(() => {
      if (pending !== current) return;
      pending = undefined;
      deps.sendDtmf(callId, current.extension).catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        deps.notice('warning', t('postDial.failed', { extension: current.extension, reason: why }));
      });
    }, EXTENSION_PAUSE_MS);
  }

  return {
    dialled(target, canSendDtmf) {
      forget();
      if (!target.extension) return;
      if (!canSendDtmf) {
        deps.notice('info', t('postDial.waiting', { extension: target.extension }));
        return;
      }
      pending = { e164: target.e164, extension: target.extension };
    },

    onTransitions(transitions) {
      const current = pending;
      if (!current) return;
      for (const { call, previous } of transitions) {
        // The dialled call is the first new outgoing call to the number.
        if (
          current.callId === undefined &&
          previous === undefined &&
          call.direction === 'outbound' &&
          call.remote.e164 === current.e164
        ) {
          current.callId = call.id;
        }
        if (call.id !== current.callId) continue;
        if (call.state === 'ended') return forget();
        if (call.state === 'connected' && current.timer === undefined) keyIn(current, call.id);
      }
    },
  };
}
