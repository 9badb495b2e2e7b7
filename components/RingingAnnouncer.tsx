/**
 * Says a ringing call to screen readers: an assertive live region, visually hidden, that holds
 * one sentence per inbound call ringing now and nothing otherwise. The region is on the page
 * before its text arrives (screen readers announce changes, not what a new region holds), so a
 * panel opened while a call already rings announces it too. Each sentence is one message of
 * locales/*.yml (`ringing`), with or without the queue.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import { remoteNumber } from '../utils/ui/format';

/** "Incoming call from Ada Lovelace, +33 1 23 45 67 89, in the Support queue." */
function sentence(call: Call): string {
  const number = remoteNumber(call.remote);
  const { name } = call.remote;
  const caller = name ? t('ringing.nameAndNumber', { name, number }) : number;
  return call.queue
    ? t('ringing.incomingInQueue', { caller, queue: call.queue })
    : t('ringing.incoming', { caller });
}

export function RingingAnnouncer({ state }: { state: PanelState }) {
  const now = state.calls
    .filter((c) => c.direction === 'inbound' && c.state === 'ringing')
    .map(sentence)
    .join(' ');
  // Set after the first render, so that the text is a change of a region already there.
  const [said, setSaid] = useState('');
  useEffect(() => setSaid(now), [now]);
  return (
    <div class="sb-visually-hidden" aria-live="assertive" aria-atomic="true">
      {said}
    </div>
  );
}
