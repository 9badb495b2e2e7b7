/**
 * A generated, CRM-like page for `npm run bench:detect`: an activity feed, contact and deal
 * tables, navigation and a footer, with exactly `textNodes` (10,000) text nodes in the body.
 * About 5% of them hold a phone number (varied national and international formats, some with
 * extensions, some as tel: links, a few as a bare run after a label), about 25% hold other
 * digit-heavy data (dates, amounts, order and case ids, emails, postal codes, IBANs, tracking
 * numbers) and the rest plain words. Seeded, so every run measures the same page.
 *
 * It has no shadow roots and no frames: the floor and the naive baseline walk the light DOM, and
 * all three passes must read the same text to be compared.
 */
import {
  ACTIVITY,
  amount,
  city,
  company,
  createRng,
  dataSentence,
  date,
  duration,
  emailPlain,
  emailWithDigits,
  FOOTER,
  identifier,
  NAV,
  note,
  OUTCOMES,
  percent,
  personName,
  phone,
  phoneSentence,
  pick,
  postalCode,
  QUEUES,
  STAGES,
  STATUSES,
  TAGS,
  title,
  VERBS,
  type Rng,
} from './crm-data';
import {
  countTexts,
  toHtml,
  type ElementSpec,
  type KindCounts,
  type NodeSpec,
  type TextKind,
} from './page-model';

export const CRM_TEXT_NODES = 10_000;
export const CRM_SEED = 1;
/** The page's numbers are written for a US agent (settings `clickToDial.defaultCountry`). */
export const CRM_COUNTRY = 'US';
/** New activity is inserted at the top of this list, which is in the viewport. */
export const FEED_ID = 'activity-feed';
/** Text nodes in one activity item, the unit of new content. */
export const ROW_TEXT_NODES = 20;

export interface CrmPage {
  html: string;
  textNodes: number;
  counts: KindCounts;
  /** Text nodes that hold a phone number (one each): what a perfect detector finds. */
  expectedPhones: number;
  /** Their indexes in document order, to tell found numbers from false alarms. */
  phoneIndexes: number[];
  description: string;
}

const el = (tag: string, children: NodeSpec[], attrs?: Record<string, string>): ElementSpec =>
  attrs ? { tag, attrs, children } : { tag, children };
const t = (kind: TextKind, text: string): NodeSpec => ({ kind, text });
const total = (node: NodeSpec) => {
  const { phone, data, plain } = countTexts([node]);
  return phone + data + plain;
};

const NEXT_STEPS = ['Send proposal', 'Schedule a demo', 'Wait for legal', 'Ask for budget'];

/** One activity item: exactly ROW_TEXT_NODES text nodes, its note holding a number or not. */
export function activityItem(rng: Rng, notePhone: boolean): ElementSpec {
  const roll = rng();
  const body = notePhone
    ? t('phone', phoneSentence(rng))
    : roll < 0.45
      ? t('data', dataSentence(rng))
      : t('plain', note(rng));
  const pair = (label: string, value: NodeSpec) => [
    el('dt', [t('plain', label)]),
    el('dd', [value]),
  ];
  return el(
    'li',
    [
      el('div', [
        el('span', [t('plain', pick(rng, ACTIVITY))], { class: 'type' }),
        el('a', [t('plain', personName(rng))], { href: '#/users' }),
        el('span', [t('plain', pick(rng, VERBS))]),
        el('a', [t('plain', personName(rng))], { href: '#/contacts' }),
        el('time', [t('data', date(rng))]),
      ]),
      el('div', [el('p', [body])], { class: 'body' }),
      el('dl', [
        ...pair('Duration', t('data', duration(rng))),
        ...pair('Outcome', t('plain', pick(rng, OUTCOMES))),
        ...pair('Queue', t('plain', pick(rng, QUEUES))),
        ...pair('Owner', t('plain', personName(rng))),
      ]),
      el(
        'div',
        [0, 1, 2].map(() => el('span', [t('plain', pick(rng, TAGS))], { class: 'tag' })),
      ),
      el(
        'div',
        ['Reply', 'Log follow-up', 'More'].map((label) => el('button', [t('plain', label)])),
        { class: 'actions' },
      ),
    ],
    { class: 'activity' },
  );
}

function phoneCell(rng: Rng, chance: number): NodeSpec {
  if (rng() >= chance) return el('td', [t('plain', '—')]);
  const number = phone(rng, { withExtension: rng() < 0.05 });
  if (rng() < 0.1) {
    const href = `tel:${number.e164}`;
    return el('td', [el('a', [t('phone', number.text)], { href })]);
  }
  return el('td', [el('span', [t('phone', number.text)], { class: 'phone' })]);
}

const CONTACT_COLUMNS = ['Name', 'Title', 'Account', 'Phone', 'Mobile', 'Email', 'City', 'ZIP'];

function contactRow(rng: Rng): ElementSpec {
  const withDigits = rng() < 0.5;
  return el('tr', [
    el('td', [el('div', [el('a', [t('plain', personName(rng))], { href: '#/contact' })])]),
    el('td', [t('plain', title(rng))]),
    el('td', [t('plain', company(rng))]),
    phoneCell(rng, 0.8),
    phoneCell(rng, 0.4),
    el('td', [
      t(withDigits ? 'data' : 'plain', withDigits ? emailWithDigits(rng) : emailPlain(rng)),
    ]),
    el('td', [t('plain', city(rng))]),
    el('td', [t('data', postalCode(rng))]),
    el('td', [t('data', date(rng))]),
    el('td', [t('plain', personName(rng))]),
    el('td', [el('span', [t('plain', pick(rng, STATUSES))], { class: 'badge' })]),
  ]);
}

const DEAL_COLUMNS = ['Deal', 'Account', 'Amount', 'Stage', 'Prob.', 'Close', 'Order', 'Owner'];

function dealRow(rng: Rng): ElementSpec {
  const roll = rng();
  const next =
    roll < 0.1
      ? t('phone', phoneSentence(rng))
      : roll < 0.2
        ? t('data', dataSentence(rng))
        : t('plain', pick(rng, NEXT_STEPS));
  return el('tr', [
    el('td', [el('a', [t('plain', `${company(rng)} expansion`)], { href: '#/deal' })]),
    el('td', [t('plain', company(rng))]),
    el('td', [t('data', amount(rng))]),
    el('td', [t('plain', pick(rng, STAGES))]),
    el('td', [t('data', percent(rng))]),
    el('td', [t('data', date(rng))]),
    el('td', [t('data', identifier(rng))]),
    el('td', [t('plain', personName(rng))]),
    el('td', [next]),
  ]);
}

const table = (columns: readonly string[], extra: string[], rows: ElementSpec[]) =>
  el('table', [
    el('thead', [
      el(
        'tr',
        [...columns, ...extra].map((c) => el('th', [t('plain', c)])),
      ),
    ]),
    el('tbody', rows),
  ]);

// Sections are filled until fewer text nodes than this are left; the footer takes the rest.
const FOOTER_RESERVE = 40;

export function generateCrmPage({
  seed = CRM_SEED,
  textNodes = CRM_TEXT_NODES,
}: { seed?: number; textNodes?: number } = {}): CrmPage {
  const rng = createRng(seed);
  const header = el('header', [
    el(
      'nav',
      NAV.map((word) => el('a', [t('plain', word)], { href: `#/${word.toLowerCase()}` })),
    ),
  ]);
  let left = textNodes - total(header);
  const sections: ElementSpec[] = [];
  const units = { activity: 0, contacts: 0, deals: 0 };
  /** Adds rows from `make` while they fit, at most `max`. */
  const fill = (make: () => ElementSpec, max: number) => {
    const rows: ElementSpec[] = [];
    while (rows.length < max) {
      const row = make();
      const size = total(row);
      if (left - size < FOOTER_RESERVE) break;
      left -= size;
      rows.push(row);
    }
    return rows;
  };
  for (let i = 0; left > FOOTER_RESERVE + 2 * ROW_TEXT_NODES; i++) {
    const kind = i % 3;
    const heading = el('h2', [t('plain', ['Recent activity', 'Contacts', 'Open deals'][kind]!)]);
    left -= 1;
    if (kind === 0) {
      const items = fill(() => activityItem(rng, rng() < 0.35), 10);
      units.activity += items.length;
      const attrs: Record<string, string> =
        i === 0 ? { id: FEED_ID, class: 'feed' } : { class: 'feed' };
      sections.push(el('section', [heading, el('ul', items, attrs)]));
    } else {
      const columns = kind === 1 ? CONTACT_COLUMNS : DEAL_COLUMNS;
      const extra = kind === 1 ? ['Created', 'Owner', 'Status'] : ['Next step'];
      left -= columns.length + extra.length;
      const rows = fill(() => (kind === 1 ? contactRow(rng) : dealRow(rng)), 25);
      units[kind === 1 ? 'contacts' : 'deals'] += rows.length;
      sections.push(el('section', [heading, table(columns, extra, rows)]));
    }
  }
  const footer = el(
    'footer',
    Array.from({ length: left }, () => el('a', [t('plain', pick(rng, FOOTER))], { href: '#/' })),
  );
  const body = [header, el('main', sections), footer];
  const counts = countTexts(body);
  const all = counts.phone + counts.data + counts.plain;
  if (all !== textNodes) throw new Error(`crm-page: made ${all} text nodes, not ${textNodes}`);
  const share = (n: number) => `${((100 * n) / all).toFixed(1)}%`;
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme CRM</title><style>${STYLE}</style></head><body>${toHtml(body)}</body></html>`,
    textNodes: all,
    counts: { phone: counts.phone, data: counts.data, plain: counts.plain },
    expectedPhones: counts.phone,
    phoneIndexes: counts.phoneIndexes,
    description:
      `${all.toLocaleString('en-US')} text nodes (seed ${seed}): ${counts.phone} phone numbers ` +
      `(${share(counts.phone)}), ${counts.data} other digit-heavy values (${share(counts.data)}), ` +
      `${counts.plain} plain (${share(counts.plain)}); ${units.activity} activity items, ` +
      `${units.contacts} contact rows, ${units.deals} deal rows`,
  };
}

/** `count` new activity items of ROW_TEXT_NODES text nodes, each with one phone number. */
export function generateNewRows(count: number, seed = CRM_SEED + 1): ElementSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => activityItem(rng, true));
}

const STYLE = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2530}',
  'header{background:#1f3a5f;padding:10px 24px}header a{color:#fff;margin-right:16px}',
  'main{padding:16px 24px;display:grid;gap:16px}',
  'section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002}',
  'h2{margin:0 0 8px;font-size:16px}table{border-collapse:collapse;width:100%}',
  'td,th{text-align:left;padding:3px 6px;border-bottom:1px solid #e4e8ee}',
  '.feed{list-style:none;margin:0;padding:0}.activity{border-bottom:1px solid #e4e8ee;padding:6px 0}',
  '.activity dl{display:flex;gap:6px;margin:4px 0}.activity dd{margin:0 12px 0 0}',
  '.tag,.badge{background:#e8eef7;border-radius:4px;padding:0 6px;margin-right:4px}',
  'footer{padding:16px 24px}footer a{margin-right:12px}',
].join('');
