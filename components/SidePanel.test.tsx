// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { sampleCall, signedInState } from '../tests/support/sample-state';
import { act } from 'preact/test-utils';
import { click, nameOf, queryButton, settle, text } from '../tests/support/test-dom';

afterEach(unmountPanels);

function show(state: PanelState, layout: 'popup' | 'sidepanel' = 'sidepanel') {
  return showPanel(state, { layout });
}

const tabs = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
const tabNames = (root: HTMLElement) => tabs(root).map(nameOf);
const panel = (root: HTMLElement) => root.querySelector<HTMLElement>('[role="tabpanel"]');

function press(el: HTMLElement, key: string) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

const EVERYTHING = signedInState({
  features: ['queues', 'directory', 'callbacks', 'history', 'presence'],
  commands: ['dial', 'setDnd'],
});

describe('side panel sections', () => {
  it('shows a tab per section the vendor has, with the tabs pattern’s roles and links', () => {
    const { root } = show(EVERYTHING);
    const list = root.querySelector('[role="tablist"]');
    expect(list?.getAttribute('aria-label')).toBe('Agent tools');
    expect(tabNames(root)).toEqual([
      'Calls',
      'Queues',
      'Directory',
      'Callbacks',
      'History',
      'More',
    ]);
    const [calls, ...others] = tabs(root);
    expect(calls!.getAttribute('aria-selected')).toBe('true');
    expect(calls!.tabIndex).toBe(0);
    expect(calls!.getAttribute('aria-controls')).toBe(panel(root)?.id);
    expect(panel(root)?.getAttribute('aria-labelledby')).toBe(calls!.id);
    for (const tab of others) {
      expect(tab.getAttribute('aria-selected')).toBe('false');
      expect(tab.tabIndex).toBe(-1);
    }
    // The Calls section holds the dial box.
    expect(panel(root)?.querySelector('form[aria-label="Dial"]')).not.toBeNull();
  });

  it('moves between tabs with the arrow keys, Home and End, and moves the focus along', async () => {
    const { root } = show(EVERYTHING);
    const first = tabs(root)[0]!;
    first.focus();
    press(first, 'ArrowRight');
    expect(tabs(root)[1]!.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs(root)[1]);
    expect(panel(root)?.getAttribute('aria-labelledby')).toBe(tabs(root)[1]!.id);
    press(tabs(root)[1]!, 'End');
    expect(document.activeElement?.textContent).toBe('More');
    press(tabs(root)[5]!, 'ArrowRight');
    expect(document.activeElement?.textContent).toBe('Calls');
    press(tabs(root)[0]!, 'ArrowLeft');
    expect(document.activeElement?.textContent).toBe('More');
    press(tabs(root)[5]!, 'Home');
    expect(document.activeElement?.textContent).toBe('Calls');
    click(tabs(root)[2]!);
    await settle();
    expect(panel(root)?.getAttribute('aria-labelledby')).toBe(tabs(root)[2]!.id);
    expect(text(panel(root))).toContain('Search the directory');
  });

  it('has no tabs for a vendor without agent features, nor in the popup', () => {
    const plain = show(signedInState());
    expect(tabs(plain.root)).toEqual([]);
    expect(plain.root.querySelector('form[aria-label="Dial"]')).not.toBeNull();
    plain.unmount();
    const popup = show(EVERYTHING, 'popup');
    expect(tabs(popup.root)).toEqual([]);
    expect(popup.root.querySelector('form[aria-label="Dial"]')).not.toBeNull();
  });

  it('keeps the call in hand in view whatever the section', async () => {
    const call = sampleCall({ state: 'connected', actions: ['hangup'] });
    const { root } = show({ ...EVERYTHING, calls: [call] });
    click(tabs(root).find((t) => t.textContent === 'More')!);
    await settle();
    expect(queryButton(root, 'Hang up')).toBeDefined();
    expect(panel(root)?.contains(queryButton(root, 'Hang up')!)).toBe(false);
  });

  it('falls back to Calls when the chosen section goes away', async () => {
    const { root, connector } = show(EVERYTHING);
    click(tabs(root).find((t) => t.textContent === 'More')!);
    await settle();
    connector.setState((s) => ({ ...s, features: ['queues'], commands: ['dial'] }));
    await settle();
    expect(tabNames(root)).toEqual(['Calls', 'Queues']);
    expect(tabs(root)[0]!.getAttribute('aria-selected')).toBe('true');
  });
});
