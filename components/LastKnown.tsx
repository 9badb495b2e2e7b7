/**
 * The panel while it shows a snapshot rather than the background's own state (utils/ui/connector.ts
 * `StateSource`): a note says so and every control is disabled, so that nobody acts on a state
 * that may have changed; the same tree with the controls enabled once the live state arrives (no
 * remount: nothing flickers and nothing asks twice). Sets the first-paint marks the benchmark
 * reads (utils/ui/first-paint.ts).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { t } from '../utils/i18n/runtime';
import type { StateSource } from '../utils/ui/connector';
import { FIRST_PAINT_MARK, LIVE_STATE_MARK, markOnce } from '../utils/ui/first-paint';

/** What the note says for each source (locales/en.yml `lastKnown`). */
const LAST_KNOWN_TEXT = {
  snapshot: 'lastKnown.snapshot',
  provisional: 'lastKnown.provisional',
} as const satisfies Record<Exclude<StateSource, 'live'>, string>;

export function LastKnown({
  source,
  children,
}: {
  source: StateSource;
  children: ComponentChildren;
}) {
  const live = source === 'live';
  useLayoutEffect(() => {
    markOnce(FIRST_PAINT_MARK, source);
    if (live) markOnce(LIVE_STATE_MARK, source);
  }, [source, live]);
  return (
    <>
      {!live && (
        <p class="sb-last-known" role="status">
          {t(LAST_KNOWN_TEXT[source])}
        </p>
      )}
      {/* role none: the fieldset only carries `disabled` to every control inside. */}
      <fieldset class="sb-last-known-gate" role="none" disabled={!live}>
        {children}
      </fieldset>
    </>
  );
}
