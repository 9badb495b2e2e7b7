/**
 * Builds `utils/phone/plans.generated.ts` from libphonenumber-js's min metadata: per numbering
 * plan only what utils/phone/plans.ts needs to answer what libphonenumber's parse + isValid
 * answer, and the "trunk prefix always written" verdicts that detect/validate.ts used to get
 * from `formatNational`. The content script runs in every frame, so the 83 KB of JSON (formats,
 * mostly) and libphonenumber's code stay out of it; libphonenumber remains the oracle in tests
 * (tests/unit/numbering-oracle.test.ts) and the engine of the background and the panel.
 *
 * The indices below are those of libphonenumber-js's own `Metadata` and `NumberingPlan` classes
 * (node_modules/libphonenumber-js/es6/metadata.js, metadata format V4): a country is
 * [0 calling code, 1 IDD prefix, 2 national number pattern, 3 possible lengths, 4 formats,
 * 5 national prefix, 6 national prefix formatting rule, 7 national prefix for parsing,
 * 8 national prefix transform rule, 9 national prefix optional when formatting, 10 leading digits,
 * 11 types, …]; a format is [0 pattern, 1 format, 2 leading digits patterns, 3 national prefix
 * formatting rule, 4 national prefix optional when formatting, …]; a type is
 * [0 pattern, 1 possible lengths].
 */
import { createRequire } from 'node:module';

type Lengths = number[];
type MinFormat = [string, string, string[]?, (string | 0)?, (1 | 0 | boolean)?, ...unknown[]];
type MinType = [string, Lengths?] | 0 | undefined;
/** A plan as the min metadata stores it; 0 stands for an absent field. */
type MinPlan = [
  callingCode: string,
  idd: string | 0,
  nationalPattern: string,
  lengths: Lengths,
  formats?: MinFormat[] | 0,
  nationalPrefix?: string | 0,
  prefixFormattingRule?: string | 0,
  prefixForParsing?: string | 0,
  transformRule?: string | 0,
  prefixOptional?: 1 | 0 | boolean,
  leadingDigits?: string | 0,
  types?: MinType[] | 0,
  ...rest: unknown[],
];

export interface MinMetadata {
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, MinPlan>;
  nonGeographic?: Record<string, MinPlan>;
}

const require = createRequire(import.meta.url);

export function libphonenumberMetadata(): { metadata: MinMetadata; version: string } {
  return {
    metadata: require('libphonenumber-js/metadata.min.json') as MinMetadata,
    version: (require('libphonenumber-js/package.json') as { version: string }).version,
  };
}

const NONE = '_';
// Field and list separators of the generated text; the generator checks that no pattern uses them.
const RESERVED = /[\s_/;`]|\$\{/;
const GROUP = /\$\d/;

/** The source of utils/phone/plans.generated.ts (already in Prettier's style). */
export function buildPhonePlans(source = libphonenumberMetadata()): string {
  const { metadata, version } = source;
  const lines: string[] = [];
  for (const [code, countries] of Object.entries(metadata.country_calling_codes)) {
    const main = metadata.countries[countries[0]!];
    if (!main) throw new Error(`calling code ${code}: no plan for ${countries[0]}`);
    for (const country of countries) {
      const plan = metadata.countries[country];
      if (!plan) throw new Error(`calling code ${code}: no plan for ${country}`);
      if (plan[0] !== code)
        throw new Error(`${country}: calling code ${plan[0]}, listed as ${code}`);
      lines.push(line(country, plan, trunk(plan, main)));
    }
  }
  for (const [code, plan] of Object.entries(metadata.nonGeographic ?? {})) {
    // Nobody writes these in national form: the trunk rule never applies to them.
    lines.push(line(code, plan, '0'));
  }
  return `${HEADER(version)}export const PLANS_VERSION = '${version}';

export const PLANS = String.raw\`
${lines.join('\n')}
\`;
`;
}

const HEADER = (version: string) => `/**
 * GENERATED FILE, do not edit. Made by scripts/gen-phone-plans.ts from libphonenumber-js
 * ${version} (metadata.min.json); after updating libphonenumber-js run \`npm run gen:phone-plans\`
 * (tests/unit/phone-plans.test.ts fails while this file is stale).
 *
 * One numbering plan per line, read by utils/phone/plans.ts. Fields, separated by spaces,
 * "${NONE}" for none; lists separated by ";", their items' parts by "/":
 *   key (country, or calling code for non-geographic plans), calling code, international prefix,
 *   national prefix for parsing, its transform rule, national number pattern, possible lengths,
 *   leading digits (countries sharing a calling code), trunk prefix rule, types.
 * Trunk prefix rule for a number written in national form without its trunk prefix: "0" accept,
 * "1" reject, or "leading digits/pattern/verdict" per format, the first fitting format decides
 * and no fitting format rejects. Types ("pattern/lengths"): present only where libphonenumber
 * validates by type (countries sharing a calling code, non-geographic plans).
 * Plans sharing a calling code are listed main country first, in libphonenumber's order.
 */
`;

function line(key: string, plan: MinPlan, trunkRule: string): string {
  const fields = [
    key,
    plan[0],
    text(plan[1]),
    // libphonenumber infers the prefix for parsing from the national prefix when it is absent.
    text(plan[7] || plan[5]),
    text(plan[8]),
    text(plan[2]),
    plan[3].join(','),
    text(plan[10]),
    trunkRule,
    types(plan[11]),
  ];
  for (const field of fields.slice(1, -2)) check(key, field);
  return fields.join(' ');
}

function text(value: string | 0 | undefined): string {
  return value ? value : NONE;
}

function check(key: string, value: string): void {
  if (value !== NONE && RESERVED.test(value)) throw new Error(`${key}: "${value}" needs escaping`);
}

/** Only the types that can match: a type with an empty pattern never does. */
function types(list: MinType[] | 0 | undefined): string {
  if (!list) return NONE;
  const items = new Set<string>();
  for (const type of list) {
    if (!type || !type[0]) continue;
    check('type', type[0]);
    items.add(`${type[0]}/${type[1]?.join(',') ?? ''}`);
  }
  return items.size > 0 ? [...items].join(';') : NONE;
}

/**
 * What libphonenumber's `formatNational({ nationalPrefix: false })` does to a national number
 * written without its trunk prefix, per format (metadata.js `Format`, format.js
 * `formatNationalNumber`): the format's prefix formatting rule is applied unless the prefix is
 * optional for it; a rule that adds digits (the prefix) means the prefix is always written, and
 * a format that adds no punctuation at all means nobody formats the number that way. Formats and
 * prefix rules missing from a country come from the main country of its calling code.
 */
function trunk(plan: MinPlan, main: MinPlan): string {
  const formats = plan[4] || main[4] || [];
  const verdicts = formats.map((format) => {
    const rule = format[3] || plan[6] || main[6];
    const optional = !!format[4] || !!plan[9] || !!main[9];
    const template = rule && !optional ? format[1].replace(GROUP, rule) : format[1];
    const added = template.replace(/\$\d/g, '');
    return added === '' || /\d/.test(added) ? 1 : 0;
  });
  if (verdicts.every((verdict) => verdict === 1)) return '1';
  if (verdicts.every((verdict) => verdict === 0)) return '0';
  // No fitting format rejects as well, so trailing rejecting formats need not be listed.
  let last = verdicts.length;
  while (verdicts[last - 1] === 1) last--;
  return formats
    .slice(0, last)
    .map((format, i) => {
      const leading = format[2]?.[format[2].length - 1] ?? '';
      check('format', leading);
      check('format', format[0]);
      return `${leading}/${format[0]}/${verdicts[i]}`;
    })
    .join(';');
}
