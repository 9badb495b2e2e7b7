/**
 * Click-to-dial on a web page: scan → mark → hover button → dial request. Everything it starts
 * (observers, listeners, timers, the highlight, the button) ends when `signal` aborts, which is
 * how the content script turns it off and how an extension update leaves no dead script behind.
 */
import { getCountryCallingCode, isSupportedCountry, type CountryCode } from 'libphonenumber-js/min';
import type { ContentMessage } from '../messaging';
import type { ScanItem } from '../phone/scan';
import { createCallButton, type CallButton } from './button';
import { createHighlighter } from './highlight';
import { createHover, type Hover } from './hover';
import { createMarks, type Marks } from './marks';
import { createScheduler, type Scheduler } from './scheduler';
import { createTimers } from './timers';

export interface ClickToDialConfig {
  /** ISO 3166 alpha-2 from the settings; an unknown code leaves only +-prefixed numbers. */
  defaultCountry: string;
  /** E.164 prefixes never offered for dialling ("+1900"). */
  blockedPrefixes: readonly string[];
  /** Ask for a second click before dialling outside the default country's calling code. */
  confirmInternational: boolean;
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
}

export function initClickToDial(
  config: ClickToDialConfig,
  deps: ClickToDialDeps,
  signal: AbortSignal,
): ClickToDial {
  const doc = deps.doc ?? document;
  // libphonenumber ignores a country it does not know, which is the behaviour we want.
  const defaultCountry = config.defaultCountry as CountryCode;
  const timers = createTimers(signal, doc.defaultView ?? window);
  const highlighter = createHighlighter(doc, signal);
  const marks = createMarks(highlighter);
  signal.addEventListener('abort', () => marks.clear());

  // The button reports to the hover logic, which needs the button: tie the knot afterwards.
  const hover: { current?: Hover } = {};
  const button = createCallButton({
    doc,
    signal,
    timers,
    dial: deps.dial,
    needsConfirm: internationalCheck(config),
    onPointerEnter: () => hover.current?.buttonEntered(),
    onPointerLeave: () => hover.current?.buttonLeft(),
    onTabOut: () => hover.current?.returnFocus(),
  });
  hover.current = createHover({ doc, signal, timers, marks, button });

  const blocked = (e164: string) =>
    config.blockedPrefixes.some((prefix) => e164.startsWith(prefix));
  const onItem = (item: ScanItem) => {
    if (item.kind === 'text') {
      marks.setText(
        item.node,
        item.hits.filter((hit) => !blocked(hit.e164)),
      );
    } else if (item.kind === 'link') {
      if (!blocked(item.hit.e164)) marks.setLink(item.hit);
    } else {
      highlighter.styleRoot(item.root);
    }
  };

  const scheduler = createScheduler({
    scan: { defaultCountry },
    signal,
    timers,
    onItem,
    onRemoved: () => marks.sweep(),
  });
  highlighter.styleRoot(doc);
  scheduler.observe(doc);
  scheduler.enqueue(doc.body ?? doc.documentElement);
  return { marks, scheduler, button };
}

function internationalCheck(config: ClickToDialConfig): (e164: string) => boolean {
  if (!config.confirmInternational) return () => false;
  const country = config.defaultCountry;
  // Calling codes are prefix-free, so a prefix test tells home numbers from foreign ones; a
  // country we do not know makes every number foreign.
  const home = isSupportedCountry(country) ? `+${getCountryCallingCode(country)}` : undefined;
  return (e164) => home === undefined || !e164.startsWith(home);
}
