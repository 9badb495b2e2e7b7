/**
 * The settings the background publishes for content scripts (`ContentConfig`): asked for once
 * when the frame starts (`content/config`) and followed on every change the background sends
 * (`tab/config`). Both come from the background alone, by message: a frame can neither write
 * what another frame runs with nor what the background acts on (background/content-config.ts).
 * A value that is missing or does not parse leaves click-to-dial off, with the reason in the
 * console.
 */
import type { ContentConfig } from '../settings/content-config';
import { parseContentConfig } from '../settings/content-config';

/** A worker that is starting or restarting may not answer at once: ask again, a few times. */
const RETRY_MS = [500, 2_000, 5_000];

export interface PublishedConfig {
  /** The background sent a new config (`tab/config`). */
  pushed(value: unknown): void;
}

export function followPublishedConfig(
  /** `runtime.sendMessage({ type: 'content/config' })`: the background's `Reply`. */
  request: () => Promise<unknown>,
  signal: AbortSignal,
  onConfig: (config: ContentConfig | undefined) => void,
): PublishedConfig {
  const set = (value: unknown) => {
    const parsed = parseContentConfig(value);
    if (!parsed.ok) console.debug(`Switchboard is off in this frame: settings ${parsed.reason}`);
    onConfig(parsed.ok ? parsed.config : undefined);
  };
  // A config pushed while the first request is under way is newer than what that request returns.
  let pushed = false;

  function ask(attempt: number): void {
    request().then(
      (reply) => {
        if (pushed || signal.aborted) return;
        const value = replyValue(reply);
        set(value);
        if (value === undefined) retry(attempt);
      },
      (error: unknown) => {
        console.debug('Switchboard could not ask for its settings', error);
        if (!pushed && !signal.aborted) set(undefined);
        retry(attempt);
      },
    );
  }

  function retry(attempt: number): void {
    if (pushed || signal.aborted || attempt >= RETRY_MS.length) return;
    const timer = setTimeout(() => ask(attempt + 1), RETRY_MS[attempt]);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }

  ask(0);
  return {
    pushed(value) {
      if (signal.aborted) return;
      pushed = true;
      set(value);
    },
  };
}

/** The value of an `{ ok: true, value }` reply; undefined for anything else. */
function replyValue(reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null) return undefined;
  const { ok, value } = reply as { ok?: unknown; value?: unknown };
  return ok === true ? value : undefined;
}
