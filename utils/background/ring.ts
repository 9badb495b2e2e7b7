/**
 * The ring sound: it plays while an inbound call rings and stops the moment none does, whatever
 * the reason (answered here, declined, picked up elsewhere, the caller gave up, the agent signed
 * out, the connection dropped). It is decided from the call store's state, never from one event,
 * so every way out stops it, and several ringing calls still make one sound.
 *
 * Where it plays: the offscreen wake document on Chrome and Edge (a service worker has no audio,
 * and an extension may have only one offscreen document, which wake.ts already keeps open while
 * an agent is signed in), the background page itself on Firefox (ring-tone.ts plays it).
 */
import type { Call, Connection } from '../cti/model';
import { t } from '../i18n/runtime';
import type { RingPlayer } from './ring-tone';

export type { RingPlayer } from './ring-tone';

/** `ui.ringSound` and `ui.ringVolume` (utils/settings/schema.ts). */
export interface RingSettings {
  ringSound: boolean;
  ringVolume: number;
}

/** What the store says that decides the ring. */
export interface RingState {
  connection: Connection;
  calls: readonly Pick<Call, 'direction' | 'state'>[];
}

/** An inbound call rings on a live connection: only then is there something to answer. */
export const isRinging = (state: RingState): boolean =>
  state.connection.status === 'connected' &&
  state.calls.some((call) => call.direction === 'inbound' && call.state === 'ringing');

export interface Ring {
  /** The store or the settings changed: start, stop or change the volume as they now say. */
  update(state: RingState, settings: RingSettings): void;
}

export function createRing(player: RingPlayer): Ring {
  /** The volume it plays at; undefined while silent. */
  let playing: number | undefined;
  return {
    update(state, settings) {
      const volume =
        settings.ringSound && settings.ringVolume > 0 && isRinging(state)
          ? settings.ringVolume
          : undefined;
      if (volume === playing) return;
      playing = volume;
      if (volume === undefined) player.stop();
      else player.play(volume);
    },
  };
}

// ── On the offscreen wake document's port (Chrome, Edge) ─────────────────────────────────────

/** The worker's orders to the wake document about the ring. */
export type RingOrder = { type: 'ring/play'; volume: number } | { type: 'ring/stop' };
/** The document's word back: the tone could not play. */
export interface RingFailed {
  type: 'ring/failed';
  reason: string;
}

export function isRingOrder(value: unknown): value is RingOrder {
  if (typeof value !== 'object' || value === null) return false;
  const { type, volume } = value as { type?: unknown; volume?: unknown };
  if (type === 'ring/stop') return true;
  return (
    type === 'ring/play' &&
    typeof volume === 'number' &&
    Number.isFinite(volume) &&
    volume >= 0 &&
    volume <= 100
  );
}

export function isRingFailed(value: unknown): value is RingFailed {
  if (typeof value !== 'object' || value === null) return false;
  const { type, reason } = value as { type?: unknown; reason?: unknown };
  return type === 'ring/failed' && typeof reason === 'string';
}

/**
 * A player that is the wake document: `tell` sends the order now and again to a document that
 * connects later (wake.ts `WakeDocument.tell`), so a document reopened mid-ring rings on.
 */
export function offscreenRingPlayer(tell: (order: RingOrder) => void): RingPlayer {
  return {
    play: (volume) => tell({ type: 'ring/play', volume }),
    stop: () => tell({ type: 'ring/stop' }),
  };
}

/** Said once per ring when the tone cannot play (RingFailed, TonePlayerDeps.failed). */
export const RING_TEXT = {
  failed: (reason: string) => t('ring.failed', { reason }),
};

/** In the wake document: carry out the worker's orders on `player`; anything else is ignored. */
export function obeyRingOrders(player: RingPlayer): (message: unknown) => void {
  return (message) => {
    if (!isRingOrder(message)) return;
    if (message.type === 'ring/play') player.play(message.volume);
    else player.stop();
  };
}
