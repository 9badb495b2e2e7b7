/**
 * Says a ringing call to screen readers: an assertive live region, visually hidden, that holds
 * one sentence per inbound call ringing now and nothing otherwise. The region is on the page
 * before its text arrives (screen readers announce changes, not what a new region holds), so a
 * panel opened while a call already rings announces it too.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import { remoteNumber } from '../utils/ui/format';

/** Every sentence the announcer says. */
export const RINGING_TEXT = {
  named: (name: string, number: string) => `Incoming call from ${name}, ${number}.`,
  namedInQueue: (name: string, number: string, queue: string) =>
    `Incoming call from ${name}, ${number}, in the ${queue} queue.`,
  unnamed: (number: string) => `Incoming call from ${number}.`,
  unnamedInQueue: (number: string, queue: string) =>
    `Incoming call from ${number}, in the ${queue} queue.`,
};

function sentence(call: Call): string {
  const number = remoteNumber(call.remote);
  const { name } = call.remote;
  if (name && call.queue) return RINGING_TEXT.namedInQueue(name, number, call.queue);
  if (name) return RINGING_TEXT.named(name, number);
  return call.queue
    ? RINGING_TEXT.unnamedInQueue(number, call.queue)
    : RINGING_TEXT.unnamed(number);
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
