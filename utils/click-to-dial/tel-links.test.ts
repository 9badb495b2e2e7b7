// @vitest-environment happy-dom
/**
 * Setting `clickToDial.telLinks`: the agent's own plain click on a tel:/callto:/sip: link dials
 * through us (asking first for an international number when so configured); anything a page can
 * script, any other link and any blocked number is left alone, default action included.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from '../../tests/fixtures/phone/dom';
import type { ContentMessage } from '../message-checks';
import { initClickToDial, type ClickToDialConfig } from './index';

let controller: AbortController;
let dial: ReturnType<typeof vi.fn<(message: ContentMessage) => Promise<unknown>>>;
const attachShadow = () => vi.spyOn(Element.prototype, 'attachShadow');

function start(overrides: Partial<ClickToDialConfig> = {}) {
  const shadows = attachShadow();
  const feature = initClickToDial(
    {
      defaultCountry: 'US',
      blockedPrefixes: ['+1900'],
      confirmInternational: false,
      telLinks: true,
      ...overrides,
    },
    { dial },
    controller.signal,
  );
  // The button's closed shadow root, as only this extension's code ever holds it.
  const shadow = shadows.mock.results.at(-1)!.value as ShadowRoot;
  shadows.mockRestore();
  return { feature, shadow };
}

function click(target: Element, init: MouseEventInit = {}, trusted = true): MouseEvent {
  const event = new MouseEvent('click', {
    bubbles: true,
    cancelable: true,
    composed: true,
    ...init,
  });
  if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
  return event;
}

function link(href: string, text = 'Call us'): HTMLElement {
  const a = h('a', { href }, text);
  document.body.append(a);
  return a;
}

beforeEach(() => {
  controller = new AbortController();
  dial = vi.fn(async () => ({ ok: true }));
});
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
});

describe('tel: link clicks', () => {
  it('dial the link’s number on the agent’s click, instead of the default app', () => {
    start();
    const event = click(link('tel:+1-212-555-0123;ext=45'));
    expect(event.defaultPrevented).toBe(true);
    expect(dial).toHaveBeenCalledExactlyOnceWith({
      type: 'content/dial',
      e164: '+12125550123',
      extension: '45',
    });
    // The agent sees that the call is being placed, next to the link.
    expect(document.querySelector('switchboard-call-button')).not.toBeNull();
  });

  it('work for callto: links and for links inside open shadow roots', () => {
    start();
    click(link('callto://+442079460958'));
    const host = h('crm-card');
    host
      .attachShadow({ mode: 'open' })
      .append(h('a', { href: 'tel:2125550123' }, h('b', {}, 'Call')));
    document.body.append(host);
    click(host.shadowRoot!.querySelector('b')!);
    expect(
      dial.mock.calls.map(([message]) => message.type === 'content/dial' && message.e164),
    ).toEqual(['+442079460958', '+12125550123']);
  });

  it('ignore clicks a page script dispatches', () => {
    start();
    const event = click(link('tel:+12125550123'), {}, false);
    expect(event.defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });

  it.each([
    ['a middle click', { button: 1 }],
    ['Ctrl+click', { ctrlKey: true }],
    ['Cmd+click', { metaKey: true }],
    ['Shift+click', { shiftKey: true }],
    ['Alt+click', { altKey: true }],
  ])('leave %s to the browser', (_name, init) => {
    start();
    const event = click(link('tel:+12125550123'), init);
    expect(event.defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });

  it.each([
    ['a blocked number', 'tel:+19005550123'],
    ['a number that does not parse', 'tel:12'],
    ['another kind of link', 'https://example.com/tel:+12125550123'],
  ])('leave %s to the browser', (_name, href) => {
    start();
    const event = click(link(href));
    expect(event.defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });

  it('leave a link inside a part the page opted out of', () => {
    start();
    const a = h('a', { href: 'tel:+12125550123' }, 'Call');
    document.body.append(h('div', { 'data-switchboard-off': '' }, h('p', {}, a)));
    expect(click(a).defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });

  it('leave a click the page already handled', () => {
    // A page script that listens before us handles its own tel: links.
    window.addEventListener('click', (event) => event.preventDefault(), {
      capture: true,
      signal: controller.signal,
    });
    start();
    click(link('tel:+12125550123'));
    expect(dial).not.toHaveBeenCalled();
  });

  it('are left alone when the setting is off', () => {
    start({ telLinks: false });
    const event = click(link('tel:+12125550123'));
    expect(event.defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });

  it('ask first for an international number when confirmInternational is set', () => {
    const { shadow } = start({ confirmInternational: true });
    const event = click(link('tel:+33123456789'));
    expect(event.defaultPrevented).toBe(true);
    expect(dial).not.toHaveBeenCalled();
    const button = shadow.querySelector('button')!;
    // The link's text ("Call us") does not write the number: it is grouped simply.
    expect(button.getAttribute('aria-label')).toBe('Confirm call to +33 123 456 789');
    expect(shadow.activeElement).toBe(button);
    click(button);
    expect(dial).toHaveBeenCalledExactlyOnceWith({ type: 'content/dial', e164: '+33123456789' });
  });

  it('stop with the feature', () => {
    start();
    controller.abort();
    expect(click(link('tel:+12125550123')).defaultPrevented).toBe(false);
    expect(dial).not.toHaveBeenCalled();
  });
});
