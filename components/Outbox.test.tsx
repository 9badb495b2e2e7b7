// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEntry, PanelState } from '../utils/messaging';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import {
  button,
  choose,
  click,
  labelled,
  queryButton,
  settle,
  submit,
  text,
  type,
} from '../tests/support/test-dom';
import { outboxHeadline } from './Outbox';

afterEach(unmountPanels);

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  key: 'k1',
  kind: 'dispose',
  status: 'rejected',
  vendorLabel: 'XiVO',
  reason: 'Unknown code',
  attempts: 1,
  ...over,
});

const CODES = [
  { code: 'sale', label: 'Sale' },
  { code: 'nosale', label: 'No sale' },
];

function show(outbox: OutboxEntry[], over: Partial<PanelState> = {}) {
  return showPanel(signedInState({ outbox, dispositionCodes: CODES, ...over }), {
    layout: 'popup',
  });
}

const items = (root: HTMLElement) => [...root.querySelectorAll('.sb-outbox-item')].map(text);

describe('outbox', () => {
  it('says what each queued write is: callbacks and call data as well as dispositions', () => {
    const at = new Date(2030, 4, 4, 10, 30).getTime();
    const { root } = show(
      [
        entry({
          key: 'a',
          kind: 'setCallData',
          status: 'waiting',
          reason: 'Offline',
          remote: { raw: '1002' },
          dataKeys: ['ticket', 'order'],
        }),
        entry({ key: 'b', kind: 'scheduleCallback', number: '0611223344', at }),
        entry({ key: 'c', kind: 'rescheduleCallback', callbackId: 'cb-1', at }),
        entry({ key: 'd', kind: 'cancelCallback', callbackId: 'cb-unknown' }),
      ],
      {
        agentTools: {
          ...signedInState().agentTools,
          callbacks: [{ id: 'cb-1', number: '+33123456789', name: 'Ada', owner: 'mine' }],
        },
      },
    );
    const [data, scheduled, moved, cancelled] = items(root);
    expect(data).toContain('1002 · Call data (ticket, order)');
    expect(scheduled).toContain('0611223344 · Callback scheduled for Sat, 4 May 2030, 10:30');
    expect(moved).toContain('Ada (+33123456789) · Callback moved to Sat, 4 May 2030, 10:30');
    expect(cancelled).toContain('XiVO · Callback cancelled');
    expect(text(root.querySelector('.sb-outbox h2'))).toBe(
      '1 request waiting to send, 3 requests needing your attention',
    );
    // Only a disposition can be corrected here; the others are sent again or discarded.
    expect(queryButton(root, 'Edit')).toBeUndefined();
  });

  it('confirms a discard by naming what is lost', async () => {
    const { root, connector } = show([entry({ kind: 'scheduleCallback', number: '0611' })]);
    click(button(root, 'Discard'));
    expect(text(root.querySelector('[aria-label="Confirm discard"]'))).toContain(
      'XiVO will never get this callback. Discard it?',
    );
    click(button(root, 'Discard for good'));
    await settle();
    expect(connector.sent).toEqual([{ type: 'panel/outbox', key: 'k1', action: 'discard' }]);
  });

  it('corrects a refused disposition with the shared disposition fields', async () => {
    const { root, connector } = show([
      entry({ remote: { raw: '1002' }, code: 'sale', notes: 'first try' }),
    ]);
    expect(items(root)[0]).toContain('1002 · Sale');
    click(button(root, 'Edit'));
    const code = labelled<HTMLSelectElement>(root, 'Disposition');
    expect(code.value).toBe('sale');
    expect(labelled<HTMLTextAreaElement>(root, 'Notes').value).toBe('first try');
    choose(code, 'nosale');
    type(labelled<HTMLTextAreaElement>(root, 'Notes'), 'second try');
    submit(root.querySelector('.sb-outbox-edit'));
    await settle();
    expect(connector.sent).toEqual([
      { type: 'panel/outboxEdit', key: 'k1', code: 'nosale', notes: 'second try' },
    ]);
  });

  it('names dispositions in the headline only when all are dispositions', () => {
    expect(outboxHeadline([entry({ status: 'waiting' })])).toBe('1 disposition waiting to send');
    expect(outboxHeadline([entry({}), entry({ kind: 'cancelCallback' })])).toBe(
      '2 requests needing your attention',
    );
  });
});
