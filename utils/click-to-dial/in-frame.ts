/**
 * Click-to-dial in one frame: whether it runs here and now (the published settings, the site
 * rules, the page's opt-out, the DOM being ready), starting and stopping it as those change, and
 * answering the background's tab messages. The content script wires it to the browser; every
 * run gets its own AbortController, aborted when something turns click-to-dial off here and by
 * `dispose` when the extension is updated or removed.
 */
import { isTabMessage, type TabSelection } from '../messaging';
import type { ContentMessage } from '../message-checks';
import { siteRefusal } from '../phone/dial-policy';
import { pageOptedOut, watchPageOptOut } from '../phone/opt-out';
import type { ContentConfig } from '../settings/content-config';
import { dialSiteOf, selectedText } from './frame';
import { retainHighlightStyle } from './highlight';
import { initClickToDial, type ClickToDial, type ClickToDialConfig } from '.';

export interface InFrameDeps {
  win: Window & typeof globalThis;
  /** Sends a dial request to the background (`runtime.sendMessage`). */
  send(message: ContentMessage): Promise<unknown>;
  /** Aborted when the extension is updated or removed. */
  signal: AbortSignal;
}

export interface InFrame {
  /** The published settings changed (undefined: none usable, click-to-dial off). */
  configure(config: ContentConfig | undefined): void;
  /** The DOM is ready and the page idle: click-to-dial may start. */
  domReady(): void;
  /** A single-page app changed the URL without reloading the frame. */
  locationChanged(): void;
  /** Answers a background → tab message; undefined when this frame has nothing to say. */
  answer(message: unknown): Promise<TabSelection> | undefined;
}

export function createInFrame({ win, send, signal }: InFrameDeps): InFrame {
  const doc = win.document;
  let config: ContentConfig | undefined;
  let ready = false;
  let running: { controller: AbortController; key: string; feature: ClickToDial } | undefined;
  let style: (() => void) | undefined;
  signal.addEventListener('abort', () => {
    running?.controller.abort();
    style?.();
  });

  /** Whether the settings let click-to-dial run in this frame at all. */
  const allowed = () => {
    const click = config?.clickToDial;
    return !!click && !pageOptedOut(doc) && !siteRefusal(click, dialSiteOf(win));
  };

  /** What click-to-dial should run with here and now; undefined: it should not run. */
  const wanted = (): ClickToDialConfig | undefined => {
    const click = config?.clickToDial;
    if (!ready || !click || !allowed()) return undefined;
    const { defaultCountry, blockedPrefixes, confirmInternational, telLinks } = click;
    return { defaultCountry, blockedPrefixes, confirmInternational, telLinks };
  };

  // The highlight rule goes in as soon as the settings say click-to-dial runs here, usually
  // before the page has rendered much: added to a finished page it restyles every element.
  const holdStyle = () => {
    const early = allowed();
    if (early && !style) style = retainHighlightStyle(doc, win);
    if (!early && style) {
      style();
      style = undefined;
    }
  };

  const apply = () => {
    if (signal.aborted) return;
    holdStyle();
    const next = wanted();
    const key = next && JSON.stringify(next);
    if (running?.key === key) return;
    running?.controller.abort();
    running = undefined;
    if (!next || !key) return;
    const controller = new AbortController();
    running = {
      controller,
      key,
      feature: initClickToDial(next, { dial: send }, controller.signal),
    };
  };

  return {
    configure(next) {
      config = next;
      apply();
    },

    domReady() {
      ready = true;
      watchPageOptOut(doc, signal, apply);
      apply();
    },

    // The site rules may say otherwise now (an allow-list may name paths), and the old view's
    // marks belong to nodes being replaced.
    locationChanged() {
      const before = running;
      apply();
      if (running && running === before) running.feature.rescan();
    },

    // Only this extension can send these, after a trusted gesture the browser itself reported
    // (messaging.ts). Frames with nothing to say do not answer.
    answer(message) {
      if (!isTabMessage(message) || signal.aborted) return undefined;
      if (message.type === 'tab/selection') {
        const text = running ? selectedText(doc) : '';
        return text ? Promise.resolve({ text }) : undefined;
      }
      return undefined;
    },
  };
}
