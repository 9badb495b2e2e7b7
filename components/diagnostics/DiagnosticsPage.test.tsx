// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followUiLanguage } from '../../utils/i18n/document';
import { formatTimestamp, formatNumber } from '../../utils/i18n/format';
import { resetUiLanguage } from '../../utils/i18n/runtime';
import type { DiagnosticsReport, Reply } from '../../utils/messaging';
import type { PanelMessage } from '../../utils/message-checks';
import { messagesJson } from '../../tests/support/locales';
import { createMockConnector } from '../../tests/support/mock-connector';
import { showPanel, settleUntil, unmountPanels } from '../../tests/support/panel-view';
import { signedInState, signedOutState } from '../../tests/support/sample-state';
import { alerts, button, click, labelled, mount, settle, text } from '../../tests/support/test-dom';
import { DiagnosticsPage, type Download } from './DiagnosticsPage';
import { exportJson } from './export';

const T0 = Date.UTC(2026, 2, 4, 9, 0, 0);
const NUMBER = '+33123456789';

function sampleReport(over: Partial<DiagnosticsReport> = {}): DiagnosticsReport {
  return {
    at: T0 + 60_000,
    about: { version: '1.4.0', browser: 'Mozilla/5.0 Chrome/120.0.6099.109' },
    vendor: { id: 'xivo', label: 'XiVO' },
    signedIn: true,
    connection: { status: 'connected', since: T0 + 30_000 },
    timeline: [
      { at: T0, kind: 'signIn' },
      { at: T0 + 1_000, kind: 'connecting' },
      { at: T0 + 2_000, kind: 'connected' },
      {
        at: T0 + 10_000,
        kind: 'lost',
        reason: 'No answer from the server',
        attempt: 1,
        retryAt: T0 + 11_000,
      },
      {
        at: T0 + 12_000,
        kind: 'retry',
        reason: 'Connection refused',
        attempt: 2,
        lastAttempt: 3,
        lastAt: T0 + 20_000,
        retryAt: T0 + 30_000,
      },
      { at: T0 + 30_000, kind: 'connected' },
    ],
    events: [
      {
        at: T0 + 40_000,
        type: 'callUpsert',
        event: { type: 'callUpsert', call: { id: 'c1', remote: { raw: NUMBER, e164: NUMBER } } },
      },
      {
        at: T0 + 41_000,
        type: 'queueStats',
        event: { type: 'queueStats', stats: {} },
        repeats: 4,
        lastAt: T0 + 45_000,
      },
      { at: T0 + 46_000, type: 'callsSnapshot', size: 9_000 },
    ],
    pops: [
      {
        at: T0 + 40_500,
        callId: 'c1',
        outcome: 'popped',
        trigger: 'ringing',
        ruleId: 'crm',
        url: `https://crm.example.com/contacts?phone=%2B33123456789`,
        detail: 'https://crm.example.com',
        call: { direction: 'inbound', number: NUMBER, queue: 'support' },
      },
      {
        at: T0 + 50_000,
        callId: 'c2',
        outcome: 'noRule',
        trigger: 'ringing',
        call: { direction: 'inbound', number: '+33987654321', queue: 'billing' },
        misses: [{ ruleId: 'crm', why: 'queue', wants: 'support' }],
      },
      {
        at: T0 + 55_000,
        callId: 'c3',
        outcome: 'badTemplate',
        trigger: 'ringing',
        ruleId: 'crm',
        detail: 'The address is not on an allowed origin: https://evil.example',
      },
    ],
    outbox: [
      {
        key: 'k1',
        kind: 'dispose',
        status: 'waiting',
        vendorLabel: 'XiVO',
        reason: 'Not connected to the phone system',
        attempts: 3,
        nextAt: T0 + 120_000,
        createdAt: T0 + 5_000,
        remote: { raw: NUMBER, e164: NUMBER },
      },
    ],
    settings: [
      { path: 'clickToDial.defaultCountry', value: 'FR', source: 'policy' },
      { path: 'clickToDial.enabled', value: true, source: 'default' },
      { path: 'directory.speedDial', value: [{ label: 'Desk', number: NUMBER }], source: 'agent' },
    ],
    problems: [{ source: 'policy', path: 'screenPop.rules', message: 'Expected array' }],
    limits: { timeline: 100, events: 150, pops: 50 },
    ...over,
  };
}

type Replier = (msg: PanelMessage) => Reply<unknown> | undefined;

const mounted: (() => void)[] = [];
afterEach(() => {
  for (const unmount of mounted.splice(0)) unmount();
  unmountPanels();
  vi.unstubAllGlobals();
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
});

function showPage(reply: Replier, download: Download = () => {}, refreshMs = 60_000) {
  const connector = createMockConnector(signedOutState(), (msg) => reply(msg));
  const view = mount(
    <DiagnosticsPage connector={connector} refreshMs={refreshMs} download={download} />,
  );
  mounted.push(view.unmount);
  return { root: view.container, connector };
}

const answering =
  (report: () => DiagnosticsReport): Replier =>
  (msg) =>
    msg.type === 'panel/diagnostics' ? { ok: true, value: report() } : undefined;

const rows = (root: HTMLElement, section: string) =>
  [...root.querySelectorAll(`#${section} tbody tr`)].map((row) => text(row));

describe('DiagnosticsPage', () => {
  it('shows the timeline, the pop decisions, the outbox, the events and the settings', async () => {
    const { root } = showPage(answering(() => sampleReport()));
    await settleUntil(() => text(root).includes('XiVO'), 'the report');
    expect(text(root.querySelector('.sb-diag-about'))).toContain('1.4.0');
    // Times and numbers in the browser's locale (en-GB in the tests), to the second.
    expect(text(root)).toContain(`Updated at ${formatTimestamp(T0 + 60_000, 'en-GB')}`);
    const timeline = rows(root, 'sb-diag-connection');
    // Newest first.
    expect(timeline[0]).toContain('Connected');
    expect(timeline[1]).toContain('Reconnect attempt failed');
    expect(timeline[1]).toContain('Connection refused');
    expect(timeline[1]).toContain('Attempts 2 to 3');
    expect(timeline[2]).toContain('Connection lost');
    expect(timeline[2]).toContain('No answer from the server');
    expect(timeline.at(-1)).toContain('Sign-in started by the agent');

    const pops = rows(root, 'sb-diag-pops');
    expect(pops[0]).toContain('Not opened: the rule’s address was refused');
    expect(pops[0]).toContain('not on an allowed origin');
    expect(pops[1]).toContain('Not opened: no rule matched');
    expect(pops[1]).toContain(
      'Rule “crm” is for queues matching “support”, and this call came through “billing”.',
    );
    expect(pops[2]).toContain('Opened');
    expect(pops[2]).toContain('https://crm.example.com/contacts?phone=%2B33123456789');
    expect(pops[2]).toContain(`Inbound call, ${NUMBER}`);

    const outbox = rows(root, 'sb-diag-outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toContain('Disposition');
    expect(outbox[0]).toContain('Waiting to be sent');
    expect(outbox[0]).toContain('Not connected to the phone system');

    const events = rows(root, 'sb-diag-events');
    expect(events[0]).toContain('Too large to keep (9,000 characters).');
    expect(events[1]).toContain('queueStats');
    expect(events[1]).toContain(`4 more like it until ${formatTimestamp(T0 + 45_000, 'en-GB')}`);
    expect(events[2]).toContain('callUpsert');

    const settings = rows(root, 'sb-diag-settings');
    expect(settings).toContainEqual('clickToDial.defaultCountryFRPolicy (locked)');
    expect(text(root.querySelector('#sb-diag-settings'))).toContain('policy (1 here)');
    expect(text(root.querySelector('#sb-diag-pops'))).toContain('Newest first. Keeps the last 50.');
    expect(rows(root, 'sb-diag-problems')[0]).toContain('Expected array');
  });

  it('says when there is nothing yet', async () => {
    const empty = sampleReport({ timeline: [], events: [], pops: [], outbox: [], problems: [] });
    const { root } = showPage(answering(() => empty));
    await settleUntil(() => text(root).includes('XiVO'), 'the report');
    expect(text(root)).toContain('No call has been considered for a screen-pop yet.');
    expect(text(root)).toContain('Nothing waits to be sent.');
    expect(root.querySelector('#sb-diag-problems')).toBeNull();
  });

  it('says why it cannot show anything', async () => {
    const { root } = showPage(() => ({ ok: false, error: 'Receiving end does not exist.' }));
    await settleUntil(() => alerts(root).length > 0, 'the error');
    expect(alerts(root)).toEqual(['Could not read the diagnostics: Receiving end does not exist.']);
  });

  it('updates while open, keeps the last report when an update fails, and pauses', async () => {
    let report = sampleReport();
    let failing = false;
    const { root, connector } = showPage(
      (msg) => (failing ? { ok: false, error: 'Gone' } : answering(() => report)(msg)),
      () => {},
      20,
    );
    await settleUntil(() => rows(root, 'sb-diag-connection').length === 6, 'the report');
    report = sampleReport({
      timeline: [...report.timeline, { at: T0 + 70_000, kind: 'signedOut' }],
    });
    await settleUntil(
      () => rows(root, 'sb-diag-connection')[0]!.includes('Signed out'),
      'the update',
    );
    failing = true;
    await settleUntil(() => alerts(root).length > 0, 'the failed update');
    expect(alerts(root)).toEqual(['The last update failed: Gone']);
    expect(rows(root, 'sb-diag-connection')).toHaveLength(7);
    click(button(root, 'Pause updates'));
    await settle();
    const asked = connector.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    expect(connector.sent.length).toBe(asked);
    click(button(root, 'Resume updates'));
    await settleUntil(() => connector.sent.length > asked, 'asking again');
  });

  it('exports JSON with the phone numbers masked, unless the agent includes them', async () => {
    const download = vi.fn<Download>();
    const { root } = showPage(
      answering(() => sampleReport()),
      download,
    );
    await settleUntil(() => text(root).includes('XiVO'), 'the report');
    click(button(root, 'Export JSON'));
    expect(download).toHaveBeenCalledTimes(1);
    const [name, masked] = download.mock.calls[0]!;
    expect(name).toBe('switchboard-diagnostics-2026-03-04T09-01-00Z.json');
    expect(text(root)).toContain(`Saved ${name}`);
    const parsed = JSON.parse(masked) as { phoneNumbers: string; about: unknown };
    expect(parsed.phoneNumbers).toBe('masked');
    expect(parsed.about).toEqual(sampleReport().about);
    expect(masked).not.toContain('23456789');
    expect(masked).not.toContain('87654321');
    expect(masked).toContain('+331••••••89');
    expect(masked).toContain('phone=%2B331••••••89');

    const include = labelled(root, 'Include phone numbers');
    click(include);
    expect(include.checked).toBe(true);
    click(button(root, 'Export JSON'));
    const [, included] = download.mock.calls[1]!;
    expect(JSON.parse(included).phoneNumbers).toBe('included');
    expect(included).toContain(NUMBER);
    expect(included).toContain('phone=%2B33123456789');
  });
});

describe('the diagnostics page in the agent’s language', () => {
  /** The report with the agent's `ui.language` among the settings in force. */
  const inLanguage = (language: string): DiagnosticsReport => {
    const report = sampleReport();
    const setting = { path: 'ui.language', value: language, source: 'agent' as const };
    return { ...report, settings: [...report.settings, setting] };
  };

  it('follows ui.language: French text and formats, then Arabic right to left', async () => {
    const files = { fr: await messagesJson('fr'), ar: await messagesJson('ar') };
    vi.stubGlobal('fetch', async (url: string) => {
      const language = /\/_locales\/(fr|ar)\/messages\.json$/.exec(url)?.[1] as 'fr' | 'ar';
      return new Response(JSON.stringify(files[language]));
    });
    const unfollow = followUiLanguage(document, 'diagnostics.title');
    mounted.push(() => {
      resetUiLanguage();
      unfollow();
    });
    let report = inLanguage('fr');
    const download = vi.fn<Download>();
    const { root } = showPage(
      answering(() => report),
      download,
      20,
    );
    await settleUntil(() => text(root).includes('Diagnostic de Switchboard'), 'French');
    expect(document.title).toBe('Diagnostic de Switchboard');
    expect(document.documentElement.lang).toBe('fr');
    expect(document.documentElement.dir).toBe('ltr');
    expect(text(root)).toContain(`Mis à jour le ${formatTimestamp(T0 + 60_000, 'fr')}`);
    expect(formatTimestamp(T0, 'fr')).not.toBe(formatTimestamp(T0, 'en-GB'));

    const timeline = rows(root, 'sb-diag-connection');
    expect(timeline[1]).toContain('Échec d’une tentative de reconnexion');
    expect(timeline[1]).toContain('Tentatives 2 à 3');
    expect(timeline.at(-1)).toContain('Connexion lancée par l’agent');
    const pops = rows(root, 'sb-diag-pops');
    expect(pops[1]).toContain('Non ouverte : aucune règle ne correspond');
    expect(pops[1]).toContain(
      'La règle « crm » concerne les files correspondant à « support », et cet appel est arrivé par « billing ».',
    );
    expect(pops[2]).toContain(`Appel entrant, ${NUMBER}`);
    expect(rows(root, 'sb-diag-outbox')[0]).toContain('En attente d’envoi');
    // French groups digits with a narrow no-break space (text() reads every space as one).
    expect(formatNumber(9_000, {}, 'fr')).toBe('9\u202f000');
    expect(rows(root, 'sb-diag-events')[0]).toContain(
      'Trop volumineux pour être conservé (9 000 caractères).',
    );
    expect(text(root.querySelector('#sb-diag-pops'))).toContain(
      'Les plus récents d’abord. Les 50 derniers sont conservés.',
    );
    expect(rows(root, 'sb-diag-settings')).toContainEqual(
      'clickToDial.defaultCountryFRStratégie (verrouillé)',
    );
    for (const english of ['Connection lost', 'Screen-pop decisions', 'Settings in force'])
      expect(text(root)).not.toContain(english);

    // What support's tools read stays as it is: the export is not translated.
    click(button(root, 'Exporter en JSON'));
    expect(download.mock.calls[0]![1]).toBe(exportJson(report, false));

    report = inLanguage('ar');
    await settleUntil(() => document.documentElement.dir === 'rtl', 'Arabic');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.title).toBe('تشخيص Switchboard');
    await settleUntil(() => text(root).includes('قرارات فتح ملفات العملاء'), 'the Arabic page');
  });
});

describe('the way to the diagnostics page', () => {
  it('is a link in the panel, signed in or out', () => {
    for (const state of [signedInState(), signedOutState()]) {
      const { root } = showPanel(state, { layout: 'popup' });
      const link = [...root.querySelectorAll('a')].find((a) => text(a) === 'Diagnostics');
      expect(link?.getAttribute('href')).toBe('/diagnostics.html');
      expect(link?.getAttribute('target')).toBe('_blank');
      unmountPanels();
    }
  });
});
