/**
 * Mounting the panel against the mock connector, for component tests of its sections: one call
 * mounts the view the popup or the side panel shows, one takes the mounted views down, another
 * waits for what the view does after a pause (the directory's search as you type).
 */
import type { PanelState } from '../../utils/messaging';
import { Panel, type PanelLayout } from '../../components/Panel';
import { createMockConnector, type MockConnector, type MockReplier } from './mock-connector';
import { mount, settle } from './test-dom';

export interface ShownPanel {
  connector: MockConnector;
  root: HTMLElement;
  unmount(): void;
}

const mounted: ShownPanel[] = [];

/** Mounts the panel (the side panel unless `layout` says); `unmountPanels` takes it down. */
export function showPanel(
  state: PanelState,
  options: { reply?: MockReplier; layout?: PanelLayout } = {},
): ShownPanel {
  const connector = createMockConnector(state, options.reply);
  const view = mount(<Panel connector={connector} layout={options.layout ?? 'sidepanel'} />);
  const shown = { connector, root: view.container, unmount: view.unmount };
  mounted.push(shown);
  return shown;
}

/** Unmounts every panel `showPanel` mounted: `afterEach(unmountPanels)`, or before mounting another. */
export function unmountPanels(): void {
  for (const shown of mounted.splice(0)) shown.unmount();
}

/**
 * Settles until `condition` holds. The view waits on its own timers (a debounce), so this polls
 * rather than guessing a delay; `what` says what never happened when it gives up.
 */
export async function settleUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await settle();
}
