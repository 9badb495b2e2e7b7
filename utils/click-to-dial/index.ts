/**
 * Click-to-dial on a web page: scan → mark → hover button → dial request. Everything it starts
 * (observers, listeners, timers, the highlight, the button) ends when `signal` aborts, which is
 * how the content script turns it off and how an extension update leaves no dead script behind.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import type { ContentMessage } from '../message-checks';
import { isBlocked, needsConfirmation } from '../phone/dial-policy';
import { createCallButton, type CallButton } from './button';
import { createHighlighter } from './highlight';
import { createHover, type Hover } from './hover';
import { createMarks, type Marks } from './marks';
import { createScheduler, type Scheduler } from './scheduler';
import { handleTelLinkClicks } from './tel-links';
import { createTimers } from './timers';

export interface ClickToDialConfig {
  /** ISO 3166 alpha-2 from the settings; an unknown code, or none, leaves only +-prefixed numbers. */
  defaultCountry?: string | undefined;
  /** E.164 prefixes never offered for dialling ("+1900"). */
  blockedPrefixes: readonly string[];
  /** Ask for a second click before dialling outside the default country's calling code. */
  confirmInternational: boolean;
  /** Trusted clicks on tel:, callto: and sip: links dial through us (default false). */
  telLinks?: boolean;
}

export interface ClickToDialDeps {
  doc?: Document;
  /** Sends a dial request to the background and resolves with its `Reply`. */
  dial(message: ContentMessage): Promise<unknown>;
}

export interface ClickToDial {
  marks: Marks;
  scheduler: Scheduler;
  button: CallButton;
  /** A single-page app navigated: forget the marks and scan the document again, in idle tasks. */
  rescan(): void;
}

export function initClickToDial(
  config: ClickToDialConfig,
  deps: ClickToDialDeps,
  signal: AbortSignal,
): ClickToDial {
  const doc = deps.doc ?? document;
  // libphonenumber ignores a country it does not know, which is the behaviour we want.
  const defaultCountry = config.defaultCountry as CountryCode | undefined;
  const timers = createTimers(signal, doc.defaultView ?? window);
  const highlighter = createHighlighter(doc, signal);
  const marks = createMarks(highlighter);
  signal.addEventListener('abort', () => marks.clear());

  // The button reports to the hover logic, which needs the button: tie the knot afterwards.
  const hover: { current?: Hover } = {};
  const needsConfirm = (e164: string) => needsConfirmation(config, e164);
  const button = createCallButton({
    doc,
    signal,
    timers,
    dial: deps.dial,
    needsConfirm,
    onPointerEnter: () => hover.current?.buttonEntered(),
    onPointerLeave: () => hover.current?.buttonLeft(),
    onTabOut: () => hover.current?.returnFocus(),
  });
  hover.current = createHover({ doc, signal, timers, marks, button });

  const blocked = (e164: string) => isBlocked(config, e164);
  if (config.telLinks) {
    handleTelLinkClicks({
      doc,
      signal,
      defaultCountry,
      blocked,
      dial: (target, anchor) =>
        needsConfirm(target.e164) ? button.confirm(target, anchor) : button.call(target, anchor),
    });
  }
  const scheduler = createScheduler({
    doc,
    scan: { defaultCountry },
    signal,
    timers,
    marks,
    highlighter,
    blocked,
  });
  highlighter.styleRoot(doc);
  scheduler.observe(doc);
  scheduler.enqueue(doc.body ?? doc.documentElement);

  return {
    marks,
    scheduler,
    button,
    rescan() {
      if (signal.aborted) return;
      // The button's number may be gone with the old view; a call in progress keeps its status.
      if (!button.busy) button.hide();
      // Marks stay until the rescan has shown which ones are gone: nothing flickers.
      scheduler.rescan();
    },
  };
}
