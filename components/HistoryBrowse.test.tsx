// @vitest-environment happy-dom
/**
 * The history a working day needs: more than ten calls, dates, search by number or name, filters,
 * call back and a CSV export, in the side panel's History tab and the popup's recent calls.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../utils/history/entry';
import { setMessages } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import { parseCsv } from '../tests/support/csv';
import { localeMessages } from '../tests/support/messages';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import {
  button,
  choose,
  click,
  labelled,
  queryButton,
  settle,
  text,
  type,
} from '../tests/support/test-dom';
import { saveTextFile } from '../utils/ui/download';
import type { ShownEntry } from './HistoryList';

vi.mock('../utils/ui/download', () => ({ saveTextFile: vi.fn() }));

afterEach(() => {
  unmountPanels();
  vi.mocked(saveTextFile).mockClear();
});

const NOW = Date.now();
const MINUTE = 60_000;

/** `n` calls a minute apart, newest first: every third missed, every fourth outgoing. */
function calls(n: number): ShownEntry[] {
  return Array.from({ length: n }, (_, i): ShownEntry => {
    const outbound = i % 4 === 3;
    const missed = !outbound && i % 3 === 2;
    return {
      callId: `c${i}`,
      direction: outbound ? 'outbound' : 'inbound',
      remote: {
        raw: `06000000${String(i).padStart(2, '0')}`,
        e164: `+336000000${String(i).padStart(2, '0')}`,
      },
      startedAt: NOW - (i + 1) * MINUTE,
      ...(missed ? {} : { answeredAt: NOW - (i + 1) * MINUTE + 5_000, endedAt: NOW - i * MINUTE }),
      ...(i % 5 === 0 ? { disposition: { code: 'sale', label: 'Sale', notes: '', at: NOW } } : {}),
    };
  });
}
const ADA: ShownEntry = {
  callId: 'ada',
  direction: 'inbound',
  remote: { raw: '0123456789', e164: '+33123456789', name: 'Ada Lovelace' },
  startedAt: NOW - 2 * 86_400_000,
  answeredAt: NOW - 2 * 86_400_000 + 3_000,
  endedAt: NOW - 2 * 86_400_000 + 63_000,
};

async function openHistory(entries: ShownEntry[], over: Partial<PanelState> = {}) {
  const shown = showPanel(signedInState({ features: ['history'], ...over }), {
    reply: (msg) => (msg.type === 'panel/history' ? { ok: true, value: { entries } } : undefined),
  });
  click(button(shown.root, 'History'));
  await settle();
  return shown;
}

const rows = (root: HTMLElement) => [...root.querySelectorAll('[role="tabpanel"] li')].map(text);
const status = (root: HTMLElement) => text(root.querySelector('#sb-history-count'));

describe('History tab', () => {
  it('pages through more calls than fit at once', async () => {
    const { root } = await openHistory(calls(60));
    expect(rows(root)).toHaveLength(25);
    expect(status(root)).toBe('Showing 25 of 60');
    click(button(root, 'Show more'));
    expect(rows(root)).toHaveLength(50);
    click(button(root, 'Show more'));
    expect(rows(root)).toHaveLength(60);
    expect(queryButton(root, 'Show more')).toBeUndefined();
  });

  it('searches by number or name and filters by kind of call', async () => {
    const { root } = await openHistory([ADA, ...calls(12)]);
    type(labelled(root, 'Search by number or name'), 'lovelace');
    expect(rows(root)).toHaveLength(1);
    expect(rows(root)[0]).toContain('Ada Lovelace');
    type(labelled(root, 'Search by number or name'), '06 00 00 00 07');
    expect(rows(root)).toHaveLength(1);
    type(labelled(root, 'Search by number or name'), 'nobody');
    expect(rows(root)).toEqual([]);
    expect(status(root)).toBe('No calls match.');
    type(labelled(root, 'Search by number or name'), '');

    choose(labelled<HTMLSelectElement>(root, 'Show'), 'missed');
    expect(rows(root)).toHaveLength(3); // c2, c5, c8 (c11 is outgoing)
    expect(rows(root).every((r) => r.includes('Missed'))).toBe(true);
    choose(labelled<HTMLSelectElement>(root, 'Show'), 'outbound');
    expect(rows(root)).toHaveLength(3); // c3, c7, c11
    expect(rows(root).every((r) => r.includes('Outgoing'))).toBe(true);
    choose(labelled<HTMLSelectElement>(root, 'Show'), 'all');
    click(labelled(root, 'Not yet disposed only'));
    expect(rows(root)).toHaveLength(10); // all but c0, c5, c10
    expect(rows(root).some((r) => r.includes('Sale'))).toBe(false);
  });

  it('calls back from a search result', async () => {
    const { root, connector } = await openHistory([ADA, ...calls(3)]);
    type(labelled(root, 'Search by number or name'), 'ada');
    click(button(root, 'Call back +33 1 23 45 67 89'));
    await settle();
    expect(connector.sent.at(-1)).toEqual({
      type: 'panel/command',
      command: { type: 'dial', number: '+33123456789' },
    });
  });

  it('exports the calls that match as CSV, one row each, numbers in E.164 and times in ISO 8601', async () => {
    const { root } = await openHistory([ADA, ...calls(40)]);
    choose(labelled<HTMLSelectElement>(root, 'Show'), 'inbound');
    click(button(root, 'Export CSV'));
    await vi.waitFor(() => expect(saveTextFile).toHaveBeenCalledTimes(1));
    await settle();
    const [name, csv, type] = vi.mocked(saveTextFile).mock.calls[0]!;
    expect(name).toMatch(/^switchboard-history-\d{4}-\d\d-\d\d\.csv$/);
    expect(type).toBe('text/csv;charset=utf-8');
    const [header, ...lines] = parseCsv(csv);
    const inbound = [ADA, ...calls(40)].filter(
      (c) => c.kind !== 'outage' && c.direction === 'inbound',
    );
    // Every inbound call, not only the page on screen.
    expect(lines).toHaveLength(inbound.length);
    // The columns by their names in the interface's language (English here).
    const at = (column: string) => header!.indexOf(column);
    expect(lines[0]![at('Number')]).toBe('+33123456789');
    expect(lines[0]![at('Name')]).toBe('Ada Lovelace');
    expect(lines[0]![at('Started (UTC)')]).toBe(new Date(ADA.startedAt).toISOString());
    expect(lines.every((l) => l[at('Direction')] === 'Incoming')).toBe(true);
    expect(text(root)).toContain(`Exported: ${inbound.length}`);
  });

  it('is there for this browser’s calls even where the platform keeps no history', async () => {
    const recent: HistoryEntry[] = calls(2);
    const { root, connector } = showPanel(signedInState({ recent }), {
      reply: (msg) =>
        msg.type === 'panel/history' ? { ok: true, value: { entries: recent } } : undefined,
    });
    click(button(root, 'History'));
    await settle();
    expect(connector.sent.some((m) => m.type === 'panel/history')).toBe(true);
    expect(rows(root)).toHaveLength(2);
  });
});

describe('recent calls', () => {
  it('shows more than ten calls a page at a time, each with its date and time', () => {
    const recent = calls(30);
    const { root } = showPanel(signedInState({ recent }), { layout: 'popup' });
    const items = () => [...root.querySelectorAll('.sb-recent-item')];
    expect(items()).toHaveLength(10);
    click(button(root, 'Show more calls'));
    click(button(root, 'Show more calls'));
    expect(items()).toHaveLength(30);
    expect(queryButton(root, 'Show more calls')).toBeUndefined();
    const time = items()[0]!.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(recent[0]!.startedAt).toISOString());
    // Even today's: the day and the time, as the interface's locale writes them (en-GB here).
    const shown = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', options).format(recent[0]!.startedAt);
    expect(text(time)).toContain(shown({ month: 'short', day: 'numeric' }));
    expect(text(time)).toContain(shown({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  });

  it('reads the agent’s own numbers nationally and the rest internationally', () => {
    const foreign: HistoryEntry = {
      ...ADA,
      callId: 'uk',
      remote: { raw: '+442079460958', e164: '+442079460958' },
    };
    const { root } = showPanel(signedInState({ recent: [ADA, foreign], defaultCountry: 'FR' }), {
      layout: 'popup',
    });
    const numbers = [...root.querySelectorAll('.sb-recent-number')].map(text);
    expect(numbers).toEqual(['01 23 45 67 89', '+44 20 7946 0958']);
  });
});

describe('history in the agent’s language', () => {
  it('shows, searches, filters and exports in French, dates and times as France writes them', async () => {
    setMessages('fr', localeMessages('fr'));
    const entries = [ADA, ...calls(40)];
    const { root } = showPanel(signedInState({ language: 'fr', features: ['history'] }), {
      reply: (msg) => (msg.type === 'panel/history' ? { ok: true, value: { entries } } : undefined),
    });
    click(button(root, 'Historique'));
    await settle();
    expect(status(root)).toBe('25 sur 41 affichés');
    click(button(root, 'Afficher plus'));
    expect(rows(root)).toHaveLength(41);
    choose(labelled<HTMLSelectElement>(root, 'Afficher'), 'missed');
    expect(rows(root).every((r) => r.includes('Manqué') && r.includes('Entrant'))).toBe(true);
    choose(labelled<HTMLSelectElement>(root, 'Afficher'), 'all');
    type(labelled(root, 'Rechercher par numéro ou par nom'), 'lovelace');
    const [ada] = rows(root);
    const french = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('fr', options).format(ADA.startedAt);
    expect(ada).toContain(french({ weekday: 'short', day: 'numeric', month: 'short' }));
    expect(ada).toContain(french({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
    expect(queryButton(root, 'Rappeler le +33 1 23 45 67 89')).toBeDefined();

    click(button(root, 'Exporter en CSV'));
    await vi.waitFor(() => expect(saveTextFile).toHaveBeenCalledTimes(1));
    await settle();
    const [name, csv] = vi.mocked(saveTextFile).mock.calls[0]!;
    expect(name).toMatch(/^switchboard-history-\d{4}-\d\d-\d\d\.csv$/);
    const [header, line] = parseCsv(csv);
    const at = (column: string) => header!.indexOf(column);
    expect(line![at('Numéro')]).toBe('+33123456789');
    expect(line![at('Sens')]).toBe('Entrant');
    expect(line![at('Résultat')]).toBe('Répondu');
    expect(line![at('Début (UTC)')]).toBe(new Date(ADA.startedAt).toISOString());
    expect(text(root)).toContain('Appels exportés : 1');
  });

  it('titles the recent calls in Arabic and pages them', async () => {
    setMessages('ar', localeMessages('ar'));
    const { root } = showPanel(signedInState({ language: 'ar', recent: calls(12) }), {
      layout: 'popup',
    });
    expect(text(root)).toContain('المكالمات الأخيرة');
    click(button(root, 'عرض مزيد من المكالمات'));
    expect(root.querySelectorAll('.sb-recent-item')).toHaveLength(12);
    expect(queryButton(root, 'عرض مزيد من المكالمات')).toBeUndefined();
  });
});
