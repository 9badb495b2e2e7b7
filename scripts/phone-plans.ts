/**
 * Builds `utils/phone/plans.generated.ts` from libphonenumber-js's min metadata: per numbering
 * plan only what utils/phone/plans.ts needs to answer what libphonenumber's parse + isValid
 * answer, and the "trunk prefix always written" verdicts that detect/validate.ts used to get
 * from `formatNational`, worked out here for every number a plan's national pattern matches
 * (`trunk`). The content script runs in every frame, so the 83 KB of JSON (formats,
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
 * Trunk prefix rule for a valid number written in national form without its trunk prefix: "0"
 * accept, "1" reject, or "leading digits/length or min-max/verdict" per format where the valid
 * numbers of a country get both verdicts: the first fitting format decides, none rejects.
 * Types ("pattern/lengths"): present only where libphonenumber validates by type (countries
 * sharing a calling code, non-geographic plans).
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

/** libphonenumber's FIRST_GROUP_PATTERN (helpers/formatNationalNumberUsingFormat.js). */
const FIRST_GROUP = /(\$\d)/;
/** Every format pattern of the metadata is digit groups: "(\d{3})(\d{2,3})". */
const DIGIT_GROUP = /\(\\d(?:\{(\d+)(?:,(\d+))?\})?\)/g;
const DIGITS = '0123456789';

type Fit = { leading: string; lengths: [min: number, max: number]; verdict: 0 | 1 };

/**
 * What `formatNational({ nationalPrefix: false })` tells of a valid national number written
 * without its trunk prefix (format.js). The first format whose last leading digits pattern
 * matches the number's start and whose pattern matches all of it (`chooseFormatForNumber`)
 * formats it, with its prefix formatting rule unless the prefix is optional for it; with none,
 * the number comes back unchanged (reject). Formats and rules missing from a country are its
 * main country's. Over every number the national pattern matches (valid ones and more), the
 * verdicts: "0" or "1" when all agree, else the formats that decide some number.
 */
function trunk(plan: MinPlan, main: MinPlan): string {
  const formats = plan[4] || main[4] || [];
  const fits = formats.map((format): Fit => {
    const rule = format[3] || plan[6] || main[6];
    const optional = !!format[4] || !!plan[9] || !!main[9];
    const template = rule && !optional ? format[1].replace(FIRST_GROUP, rule) : format[1];
    const groups = digitGroups(format[0]);
    return {
      leading: format[2]?.[format[2].length - 1] ?? '',
      lengths: groups.reduce(([min, max], [low, high]) => [min + low, max + high], [0, 0]),
      verdict: verdict(groups, template, format[0]),
    };
  });
  // The verdict of each number: the first fitting format's, 1 when none fits.
  const verdicts = new Set<0 | 1>();
  const deciding = new Set<number>();
  const leads = fits.map((fit) => new Automaton(fit.leading));
  walk(new Automaton(plan[2]), leads, (length, matched) => {
    const i = fits.findIndex(
      ({ lengths: [min, max] }, k) => matched[k] && min <= length && length <= max,
    );
    verdicts.add(i < 0 ? 1 : fits[i]!.verdict);
    if (i >= 0) deciding.add(i);
  });
  if (!verdicts.has(0)) return '1';
  if (!verdicts.has(1)) return '0';
  // Formats that decide no number go; so do the last ones when they reject: no fitting format
  // rejects as well. Neighbours with the same lengths and verdict become one.
  const kept = fits.filter((_, i) => deciding.has(i));
  while (kept[kept.length - 1]?.verdict === 1) kept.pop();
  const items: [string, string, number][] = [];
  for (const { leading, lengths, verdict } of kept) {
    const range = lengths[0] === lengths[1] ? `${lengths[0]}` : lengths.join('-');
    const last = items[items.length - 1];
    if (last?.[1] !== range || last[2] !== verdict) items.push([leading, range, verdict]);
    else last[0] = last[0] && leading && `${last[0]}|${leading}`;
  }
  for (const item of items) {
    item[0] = item[0] && union(item[0]);
    check('format', item[0]);
  }
  return items.map((item) => item.join('/')).join(';');
}

/** Merged leading digits without the alternatives that the others cover (longest first). */
function union(leading: string): string {
  const options = alternatives(leading).sort((a, b) => b.length - a.length);
  for (let i = 0; i < options.length && options.length > 1; i++) {
    const others = options.filter((_, k) => k !== i).join('|');
    let covered = true;
    walk(new Automaton(options[i]!), [new Automaton(others)], (_, [matched]) => {
      covered &&= matched!;
    });
    if (covered) options.splice(i--, 1);
  }
  return options.join('|');
}

/** The top-level alternatives of a pattern. */
function alternatives(source: string): string[] {
  const list = [''];
  let depth = 0;
  for (const char of source) {
    if (char === '|' && depth === 0) list.push('');
    else list[list.length - 1] += char;
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
  }
  return list;
}

/** The lengths of a format pattern's groups, or an error for a pattern of another kind. */
function digitGroups(pattern: string): [number, number][] {
  if (pattern.replace(DIGIT_GROUP, '') !== '') throw new Error(`format pattern "${pattern}"`);
  return [...pattern.matchAll(DIGIT_GROUP)].map(([, low = '1', high]) => [+low, +(high ?? low)]);
}

/**
 * 1 (reject) when the template writes other digits than the number's (a prefix) or nothing but
 * its digits, 0 when it only adds punctuation. A digit-group pattern that matches a whole number
 * matches it from its first digit to its last, so "$1 $2" writes all of them.
 */
function verdict(groups: [number, number][], template: string, pattern: string): 0 | 1 {
  const refs = (template.match(/\$\d/g) ?? []).map((ref) => Number(ref[1]));
  const added = template.replace(/\$\d/g, '');
  const digits = added.replace(/\D/g, '').length;
  if (refs.length === groups.length && refs.every((ref, i) => ref === i + 1)) {
    return added === '' || digits > 0 ? 1 : 0;
  }
  // Groups left out or repeated ("$2 15-$3-$4" in Argentina): other digits if their count differs.
  let [low, high] = [digits, digits];
  for (const [i, [min, max]] of groups.entries()) {
    const extra = refs.filter((ref) => ref === i + 1).length - 1;
    [low, high] = [low + extra * (extra < 0 ? max : min), high + extra * (extra < 0 ? min : max)];
  }
  if (low > 0 || high < 0) return 1;
  throw new Error(`what "${template}" writes of ${pattern} needs telling`);
}

type Visit = (length: number, matched: boolean[]) => void;

/**
 * Calls `visit` for every number `pattern` matches, with its length and whether each of `leads`
 * matches its start: a walk, digit by digit, of the automata. The metadata's patterns have
 * bounded repeats only, so the walk ends.
 */
function walk(pattern: Automaton, leads: Automaton[], visit: Visit): void {
  // Where the pattern is; per lead, true once it matched.
  type State = [number[], (number[] | true)[]];
  let layer: State[] = [[pattern.begin(), leads.map((lead) => lead.matched(lead.begin()))]];
  for (let length = 0; layer.length > 0; length++) {
    const next = new Map<string, State>();
    for (const [at, matched] of layer) {
      const leading = matched.map((lead) => lead === true);
      if (at.includes(Automaton.ACCEPT)) visit(length, leading);
      for (const digit of DIGITS) {
        const moved = pattern.step(at, digit);
        if (moved.length === 0) continue;
        const state: State = [
          moved,
          matched.map((lead, k) => lead === true || leads[k]!.matched(leads[k]!.step(lead, digit))),
        ];
        next.set(JSON.stringify(state), state);
      }
    }
    layer = [...next.values()];
  }
}

/** A pattern as nested alternatives: a set of digits, or options each a sequence of nodes. */
type Node = string | Node[][];

/**
 * A nondeterministic automaton for the regex dialect of the metadata: digits, \d, classes, groups,
 * alternation, ? and {n,m}; anything else is an error. States are numbers, a set of them a sorted
 * list; 0 is the start, 1 the end.
 */
class Automaton {
  static readonly ACCEPT = 1;
  /** Per state, its moves: on a digit of the set, or on nothing (""), to a state. */
  private readonly moves: [string, number][][] = [[], []];

  constructor(private readonly source: string) {
    let at = 0;
    /** Consumes `text` when the source continues with it. */
    const take = (text: string) => {
      if (!source.startsWith(text, at)) return false;
      at += text.length;
      return true;
    };
    const digit = (offset: number) => DIGITS.includes(source[at + offset] || '-');
    const options = (): Node[][] => {
      const list: Node[][] = [[]];
      while (at < source.length && source[at] !== ')') {
        if (take('|')) list.push([]);
        else list[list.length - 1]!.push(quantified(atom()));
      }
      return list;
    };
    const atom = (): Node => {
      if (take('(')) {
        take('?:');
        const list = options();
        return take(')') ? list : this.fail();
      }
      if (take('\\d')) return DIGITS;
      if (!take('[')) return digit(0) ? source[at++]! : this.fail();
      let set = '';
      while (!take(']')) {
        if (take('\\d')) set += DIGITS;
        else if (!digit(0)) this.fail();
        else if (source[at + 1] !== '-') set += source[at++];
        else if (!digit(2)) this.fail();
        else {
          set += DIGITS.slice(+source[at]!, +source[at + 2]! + 1);
          at += 3;
        }
      }
      return set || this.fail();
    };
    // "x?" is "(?:x|)", "x{2,3}" is "xx(?:x|)".
    const quantified = (node: Node): Node => {
      const repeat = /^(?:\?|\{(\d+)(?:,(\d+))?\})/.exec(source.slice(at));
      if (!repeat) return node;
      at += repeat[0].length;
      const [min, max] = repeat[1] ? [+repeat[1], +(repeat[2] ?? repeat[1])] : [0, 1];
      return [[...Array<Node>(min).fill(node), ...Array<Node>(max - min).fill([[node], []])]];
    };
    const list = options();
    if (at < source.length) this.fail();
    this.build(list, 0, Automaton.ACCEPT);
  }

  begin(): number[] {
    return this.closure([0]);
  }

  step(states: number[], digit: string): number[] {
    const next: number[] = [];
    for (const state of states) {
      for (const [set, to] of this.moves[state]!) if (set.includes(digit)) next.push(to);
    }
    return this.closure(next);
  }

  /** true once the automaton has matched, else its states. */
  matched(states: number[]): number[] | true {
    return states.includes(Automaton.ACCEPT) || states;
  }

  private fail(): never {
    throw new Error(`regex "${this.source}": not the metadata's dialect`);
  }

  private build(node: Node, from: number, to: number): void {
    if (typeof node === 'string') {
      this.moves[from]!.push([node, to]);
      return;
    }
    for (const sequence of node) {
      let at = from;
      for (const part of sequence) {
        const after = this.moves.push([]) - 1;
        this.build(part, at, after);
        at = after;
      }
      this.moves[at]!.push(['', to]);
    }
  }

  private closure(states: number[]): number[] {
    const seen = new Set(states);
    for (const state of seen) for (const [set, to] of this.moves[state]!) if (!set) seen.add(to);
    return [...seen].sort((a, b) => a - b);
  }
}
