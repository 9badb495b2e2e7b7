/**
 * The vocabulary of the generated CRM page (crm-page.ts): plain words, digit-heavy values that
 * are not phone numbers (the dates, amounts and ids that the worst extensions took for numbers),
 * and phone numbers in the formats agents meet. Every phone number is checked with libphonenumber
 * (the metadata the extension ships) when it is made, so the page's expected count is a count of
 * valid numbers, not of strings that merely look like them.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { mulberry32 } from '../support/random';

export type Rng = () => number;

export const createRng = mulberry32;

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
export const int = (rng: Rng, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));
const digits = (rng: Rng, count: number) =>
  Array.from({ length: count }, () => String(int(rng, 0, 9))).join('');
const pad = (value: number, width: number) => String(value).padStart(width, '0');

const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Inès'];
const LAST = ['Martin', 'Okafor', 'Schmidt', 'Nakamura', 'Rossi', 'García', 'Dubois', 'Kowalski'];
const COMPANIES = ['Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail'];
const TITLES = ['Account Manager', 'Head of Procurement', 'IT Director', 'Office Manager', 'CFO'];
const CITIES = ['Springfield', 'Lyon', 'Hamburg', 'Valencia', 'Rotterdam', 'Leeds', 'Austin'];
export const STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won'];
export const STATUSES = ['Active', 'Lead', 'Customer', 'Churn risk', 'Do not contact'];
export const TAGS = ['vip', 'renewal', 'billing', 'onboarding', 'escalated', 'partner', 'trial'];
export const OUTCOMES = ['Connected', 'Voicemail', 'No answer', 'Busy', 'Wrong person'];
export const QUEUES = ['Sales EMEA', 'Support Tier 2', 'Renewals', 'Billing', 'Inbound US'];
export const ACTIVITY = ['Call', 'Email', 'Meeting', 'Note', 'Task'];
export const VERBS = ['logged a call with', 'emailed', 'met', 'added a note on', 'assigned'];
const NOTES = [
  'Interested in the premium plan, wants a demo next week.',
  'Asked us to send the revised contract to legal.',
  'Decision maker is on holiday until the end of the month.',
  'Happy with onboarding so far; follow up about training.',
  'Budget approved, waiting for the purchase order.',
  'Prefers email over phone for anything contractual.',
];
export const NAV = ['Home', 'Accounts', 'Contacts', 'Deals', 'Cases', 'Reports', 'Calendar'];
export const FOOTER = ['Privacy', 'Terms', 'Help center', 'Status', 'Keyboard shortcuts'];

export const personName = (rng: Rng) => `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
export const company = (rng: Rng) => pick(rng, COMPANIES);
export const title = (rng: Rng) => pick(rng, TITLES);
export const city = (rng: Rng) => pick(rng, CITIES);
export const note = (rng: Rng) => pick(rng, NOTES);
export const emailPlain = (rng: Rng) =>
  `${pick(rng, FIRST).toLowerCase()}.${pick(rng, LAST).toLowerCase()}@example.com`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov'];

export function date(rng: Rng): string {
  const y = int(rng, 2019, 2026);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  const h = int(rng, 0, 23);
  const min = int(rng, 0, 59);
  return pick(rng, [
    `${y}-${pad(m, 2)}-${pad(d, 2)}`,
    `${pad(m, 2)}/${pad(d, 2)}/${y}`,
    `${pad(d, 2)}.${pad(m, 2)}.${y}`,
    `${MONTHS[m % MONTHS.length]} ${d}, ${y}, ${(h % 12) + 1}:${pad(min, 2)} PM`,
    `${y}-${pad(m, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(min, 2)}:${digits(rng, 2)}Z`,
    `${pad(d, 2)}/${pad(m, 2)}/${y} ${pad(h, 2)}:${pad(min, 2)}`,
  ]);
}

const thousands = (value: number, sep: string) =>
  String(value).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

export function amount(rng: Rng): string {
  const whole = int(rng, 100, 9_999_999);
  const cents = digits(rng, 2);
  return pick(rng, [
    `$${thousands(whole, ',')}.${cents}`,
    `€ ${thousands(whole, '.')},${cents}`,
    `USD ${thousands(whole, ',')}.00`,
    `£${thousands(whole, ',')}`,
  ]);
}

/** Ids, codes and other digit runs that are no phone numbers, many with phone-like lengths. */
export function identifier(rng: Rng): string {
  return pick(rng, [
    `ORD-${int(rng, 2019, 2026)}-${digits(rng, 6)}`,
    `SO-${digits(rng, 8)}`,
    `#${int(rng, 1, 9)}${digits(rng, 8)}`,
    `PO 45000${digits(rng, 5)}`,
    `INV ${int(rng, 2019, 2026)} ${digits(rng, 4)} ${digits(rng, 4)}`,
    `Case #00${digits(rng, 6)}`,
    `CUST-00${digits(rng, 5)}`,
    `0015g00000${digits(rng, 2)}AbCdE`,
    `1Z 999 AA1 ${digits(rng, 2)} ${digits(rng, 4)} ${digits(rng, 4)}`,
    `192.168.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
    `v${int(rng, 1, 9)}.${int(rng, 0, 30)}.${int(rng, 0, 99)}`,
    `DE89 3704 0044 ${digits(rng, 4)} ${digits(rng, 4)} 00`,
    `**** **** **** ${digits(rng, 4)}`,
    `SKU-${digits(rng, 4)}-${digits(rng, 4)}-XL`,
    `978-3-16-${digits(rng, 6)}-0`,
    `Acct ${digits(rng, 10)}`,
  ]);
}

export function postalCode(rng: Rng): string {
  return pick(rng, [
    digits(rng, 5),
    `${digits(rng, 5)}-${digits(rng, 4)}`,
    `SW1A ${int(rng, 1, 9)}AA`,
    `750${pad(int(rng, 1, 20), 2)}`,
  ]);
}

export const emailWithDigits = (rng: Rng) =>
  `${pick(rng, FIRST).toLowerCase()}${int(rng, 1, 99)}@acme${int(rng, 1, 9)}.example.com`;
export const percent = (rng: Rng) => `${int(rng, 0, 20) * 5}%`;
export const duration = (rng: Rng) => `00:${pad(int(rng, 0, 59), 2)}:${pad(int(rng, 0, 59), 2)}`;

/** A sentence full of digits and no phone number, as activity notes often are. */
export function dataSentence(rng: Rng): string {
  return pick(rng, [
    `Quote ${identifier(rng)} sent, total ${amount(rng)}, valid until ${date(rng)}.`,
    `Refund of ${amount(rng)} issued against ${identifier(rng)}.`,
    `Shipment ${identifier(rng)} delivered ${date(rng)} to ${postalCode(rng)}.`,
    `Renewal on ${date(rng)}: ${int(rng, 5, 900)} seats at ${amount(rng)} per year.`,
  ]);
}

// '#' is a random digit. Each template stands for one country's usual way of writing numbers
// for a US-based agent (defaultCountry US): national US formats, other countries with their
// calling code, since a national French number means nothing on a US agent's page.
const US_FORMATS = [
  (a: string, x: string, l: string) => `(${a}) ${x}-${l}`,
  (a: string, x: string, l: string) => `${a}-${x}-${l}`,
  (a: string, x: string, l: string) => `${a}.${x}.${l}`,
  (a: string, x: string, l: string) => `+1 ${a} ${x} ${l}`,
  (a: string, x: string, l: string) => `+1-${a}-${x}-${l}`,
  (a: string, x: string, l: string) => `1 (${a}) ${x}-${l}`,
];
const US_AREAS = ['212', '415', '312', '617', '303', '206', '512', '404', '646', '718', '305'];
const INTERNATIONAL = [
  '+44 20 #### ####',
  '+44 (0)20 #### ####',
  '+44 7700 ######',
  '+44 161 ### ####',
  '+33 1 ## ## ## ##',
  '+33 6 ## ## ## ##',
  '+33 (0)4 ## ## ## ##',
  '+49 30 ########',
  '+49 89 #### ####',
  '+49 151 ########',
  '+34 91 ### ## ##',
  '+34 6## ### ###',
  '+31 20 ### ####',
  '+31 6 ########',
  '+55 11 9####-####',
  '+61 2 #### ####',
  '+61 4## ### ###',
  '+91 98### #####',
  '+81 3-####-####',
  '+52 55 #### ####',
];
const DEFAULT_COUNTRY: CountryCode = 'US';

export interface Phone {
  /** The number as written on the page. */
  text: string;
  e164: string;
}

/**
 * A valid number (libphonenumber/min) in one of the formats above; `withExtension` adds one,
 * `usOnly` keeps to US numbers.
 */
export function phone(
  rng: Rng,
  options: { withExtension?: boolean; usOnly?: boolean } = {},
): Phone {
  for (let attempt = 0; attempt < 200; attempt++) {
    const text =
      options.usOnly || rng() < 0.65
        ? pick(rng, US_FORMATS)(
            pick(rng, US_AREAS),
            `${int(rng, 2, 9)}${digits(rng, 2)}`,
            digits(rng, 4),
          )
        : pick(rng, INTERNATIONAL).replace(/#/g, () => digits(rng, 1));
    const parsed = parsePhoneNumberFromString(text, DEFAULT_COUNTRY);
    if (!parsed?.isValid()) continue;
    if (!options.withExtension) return { text, e164: parsed.number };
    const ext = digits(rng, int(rng, 2, 4));
    return { text: `${text} ${pick(rng, ['x', 'ext.', 'ext'])} ${ext}`, e164: parsed.number };
  }
  // Only a broken template gets here: a fixture that cannot be made must not be made up.
  throw new Error('crm-data: no valid phone number after 200 attempts; check the templates');
}

/** A sentence around a phone number, or a label with the bare digits ("Mobile: 4155550123"). */
export function phoneSentence(rng: Rng): string {
  if (rng() < 0.15) {
    const bare = phone(rng, { usOnly: true }).e164.replace(/^\+1/, '');
    return `${pick(rng, ['Mobile:', 'Tel', 'Cell', 'Phone'])} ${bare}`;
  }
  const { text } = phone(rng, { withExtension: rng() < 0.1 });
  return pick(rng, [
    `Left a voicemail, please call back on ${text} after lunch.`,
    `New direct line: ${text}`,
    `Reached the assistant; the buyer's number is ${text}.`,
    `Prefers a call on ${text}, not email.`,
  ]);
}
