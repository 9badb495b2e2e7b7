// @vitest-environment happy-dom
/**
 * The panel while it shows the snapshot (LastKnown.tsx): marked, every control disabled, then the
 * live state in the same elements with the controls enabled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector, StateSource } from '../utils/ui/connector';
import { setMessages } from '../utils/i18n/runtime';
import { FIRST_PAINT_MARK, LIVE_STATE_MARK } from '../utils/ui/first-paint';
import { localeMessages } from '../tests/support/messages';
import { sampleCall, signedInState, signedOutState } from '../tests/support/sample-state';
import { buttons, mount, settle, text } from '../tests/support/test-dom';
import { Panel } from './Panel';

/** A connector whose states the test hands over, each with its source. */
function handOver() {
  let give: (state: PanelState, source?: StateSource) => void = () => undefined;
  const connector: PanelConnector = {
    subscribe(cb) {
      give = cb;
      return () => undefined;
    },
    send: async () => ({ ok: true, value: undefined as never }),
  };
  return {
    connector,
    give: (state: PanelState, source?: StateSource) => give(state, source),
  };
}

const controls = (root: ParentNode) => [
  ...buttons(root),
  ...root.querySelectorAll<HTMLInputElement>('input, select, textarea'),
];
const disabled = (el: Element) => el.closest('fieldset')?.disabled === true;
const markSource = (name: string) =>
  (performance.getEntriesByName(name, 'mark')[0] as PerformanceMark | undefined)?.detail;

let unmount = (): void => undefined;
beforeEach(() => performance.clearMarks());
afterEach(() => unmount());

describe('the panel before the live state', () => {
  it('shows the snapshot marked, with every control disabled, then the live state', async () => {
    const { connector, give } = handOver();
    const view = mount(<Panel connector={connector} layout="popup" />);
    unmount = view.unmount;
    const root = view.container;
    await settle();
    expect(text(root)).toContain('Loading…');
    expect(markSource(FIRST_PAINT_MARK)).toBeUndefined();

    give(signedInState({ calls: [sampleCall()] }), 'snapshot');
    await settle();
    expect(root.querySelector('[role="status"].sb-last-known')?.textContent).toBe(
      'Last known state. Updating…',
    );
    expect(text(root)).toContain('Ada Lovelace');
    expect(controls(root).length).toBeGreaterThan(3);
    expect(controls(root).filter((el) => !disabled(el))).toEqual([]);
    expect(markSource(FIRST_PAINT_MARK)).toEqual({ source: 'snapshot' });
    expect(markSource(LIVE_STATE_MARK)).toBeUndefined();
    const main = root.querySelector('main');
    const answer = buttons(root).find((b) => b.textContent === 'Answer');

    give(signedInState({ calls: [sampleCall()] }), 'live');
    await settle();
    expect(root.querySelector('.sb-last-known')).toBeNull();
    expect(controls(root).filter(disabled)).toEqual([]);
    // The same elements: nothing was mounted again.
    expect(root.querySelector('main')).toBe(main);
    expect(buttons(root).find((b) => b.textContent === 'Answer')).toBe(answer);
    expect(markSource(FIRST_PAINT_MARK)).toEqual({ source: 'snapshot' });
    expect(markSource(LIVE_STATE_MARK)).toEqual({ source: 'live' });
  });

  it('says the panel is starting while it shows a provisional sign-in form', async () => {
    const { connector, give } = handOver();
    const view = mount(<Panel connector={connector} layout="sidepanel" />);
    unmount = view.unmount;
    give(signedOutState(), 'provisional');
    await settle();
    expect(view.container.querySelector('.sb-last-known')?.textContent).toBe(
      'Starting Switchboard…',
    );
    const fields = [...view.container.querySelectorAll('input')];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => !disabled(f))).toEqual([]);
    expect(markSource(FIRST_PAINT_MARK)).toEqual({ source: 'provisional' });
  });

  it('marks a first live state as both the first paint and the live state', async () => {
    const { connector, give } = handOver();
    const view = mount(<Panel connector={connector} />);
    unmount = view.unmount;
    give(signedOutState());
    await settle();
    expect(view.container.querySelector('.sb-last-known')).toBeNull();
    expect(controls(view.container).filter(disabled)).toEqual([]);
    expect(markSource(FIRST_PAINT_MARK)).toEqual({ source: 'live' });
    expect(markSource(LIVE_STATE_MARK)).toEqual({ source: 'live' });
  });

  it('says it in the agent’s language', async () => {
    setMessages('ar', localeMessages('ar'));
    const { connector, give } = handOver();
    const view = mount(<Panel connector={connector} />);
    unmount = view.unmount;
    give(signedInState({ language: 'ar' }), 'snapshot');
    await settle();
    expect(view.container.querySelector('.sb-last-known')?.textContent).toBe(
      'آخر حالة معروفة. جارٍ التحديث…',
    );
    give(signedOutState({ language: 'ar' }), 'provisional');
    await settle();
    expect(view.container.querySelector('.sb-last-known')?.textContent).toBe(
      'جارٍ تشغيل Switchboard…',
    );
  });
});
