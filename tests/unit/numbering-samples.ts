/**
 * Seeded digit strings for the differential test of utils/phone/plans.ts against libphonenumber
 * (numbering-oracle.test.ts). libphonenumber's metadata holds no example numbers in its min build,
 * so samples are drawn from its own patterns: a random string that a national number, type or
 * leading-digits pattern matches, then cut, lengthened or altered, and written in every form a
 * page uses (national with and without trunk prefix, calling code without "+", international
 * prefix, "+"). Most come out invalid, which is the point: the verdicts must agree both ways.
 */
import type { MinMetadata } from '../../scripts/phone-plans';
import { mulberry32 } from '../support/random';

export const random = mulberry32;

type Node =
  | { kind: 'chars'; chars: string }
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/**
 * A random string matched by `source`, for the regex dialect of libphonenumber's metadata:
 * digits, \d, classes with ranges, groups, alternation, ?, *, +, {n}, {n,m}; anchors are
 * ignored. Unbounded repeats stop at 3 more.
 */
export function sample(source: string, next: () => number): string {
  let at = 0;
  const parseAlt = (): Node[][] => {
    const options: Node[][] = [[]];
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        at++;
        options.push([]);
        continue;
      }
      let node = parseAtom();
      if (!node) continue;
      node = parseQuantifier(node);
      options[options.length - 1]!.push(node);
    }
    return options;
  };
  const parseAtom = (): Node | undefined => {
    const char = source[at++]!;
    if (char === '^' || char === '$') return undefined;
    if (char === '(') {
      if (source.startsWith('?:', at)) at += 2;
      const options = parseAlt();
      at++;
      return { kind: 'alt', options };
    }
    if (char === '\\') {
      const escaped = source[at++]!;
      return { kind: 'chars', chars: escaped === 'd' ? '0123456789' : escaped };
    }
    if (char === '[') {
      let chars = '';
      while (source[at] !== ']') {
        let from = source[at++]!;
        if (from === '\\') from = source[at++] === 'd' ? '0-9' : source[at - 1]!;
        if (from === '0-9') {
          chars += '0123456789';
        } else if (source[at] === '-' && source[at + 1] !== ']') {
          const to = source[at + 1]!;
          at += 2;
          for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) {
            chars += String.fromCharCode(c);
          }
        } else {
          chars += from;
        }
      }
      at++;
      return { kind: 'chars', chars };
    }
    return { kind: 'chars', chars: char };
  };
  const parseQuantifier = (node: Node): Node => {
    const char = source[at];
    if (char === '?') return (at++, { kind: 'repeat', node, min: 0, max: 1 });
    if (char === '*') return (at++, { kind: 'repeat', node, min: 0, max: 3 });
    if (char === '+') return (at++, { kind: 'repeat', node, min: 1, max: 4 });
    if (char !== '{') return node;
    const end = source.indexOf('}', at);
    const [min, max] = source.slice(at + 1, end).split(',');
    at = end + 1;
    const low = Number(min);
    return { kind: 'repeat', node, min: low, max: max === undefined ? low : max ? +max : low + 3 };
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const emit = (node: Node): string => {
    if (node.kind === 'chars') return pick([...node.chars]);
    if (node.kind === 'alt') return pick(node.options).map(emit).join('');
    const count = node.min + Math.floor(next() * (node.max - node.min + 1));
    let out = '';
    for (let i = 0; i < count; i++) out += emit(node.node);
    return out;
  };
  return pick(parseAlt()).map(emit).join('');
}

const digits = (count: number, next: () => number) => {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(next() * 10);
  return out;
};

/** Random national-number candidates for one plan: mostly near its patterns, some pure noise. */
function candidates(plan: MinMetadata['countries'][string], next: () => number): string[] {
  const sources = [plan[2]];
  for (const type of plan[11] || []) if (type && type[0]) sources.push(type[0]);
  for (const format of plan[4] || []) {
    const leading = format[2]?.[format[2].length - 1];
    if (leading) sources.push(leading);
  }
  if (plan[10]) sources.push(plan[10]);
  const out: string[] = [];
  for (const source of sources) {
    const base = sample(source, next);
    const length = 5 + Math.floor(next() * 13);
    out.push(base);
    // Random digits after real leading digits, to lengths 5–17.
    out.push((base.slice(0, 1 + Math.floor(next() * 4)) + digits(17, next)).slice(0, length));
    // One digit off, one digit more, one digit fewer.
    const at = Math.floor(next() * base.length);
    out.push(base.slice(0, at) + Math.floor(next() * 10) + base.slice(at + 1));
    out.push(base + Math.floor(next() * 10));
    out.push(base.slice(0, -1));
  }
  out.push(digits(5 + Math.floor(next() * 13), next));
  return out.filter((candidate) => candidate.length > 0);
}

export interface Sample {
  country: string;
  /** Digits, with a leading "+" for the international form. */
  digits: string;
}

/** `count` samples for `country` (at least; forms come in groups). */
export function samplesFor(
  metadata: MinMetadata,
  country: string,
  count: number,
  next: () => number,
): Sample[] {
  const plan = metadata.countries[country]!;
  const callingCode = plan[0];
  const trunk = plan[5] || '';
  const prefixForParsing = plan[7] || '';
  const idd = plan[1] || '00';
  const out: Sample[] = [];
  while (out.length < count) {
    for (const national of candidates(plan, next)) {
      const forms = [
        national,
        trunk + national,
        callingCode + national,
        callingCode + trunk + national,
        sample(idd, next) + callingCode + national,
        (next() < 0.5 ? '00' : '011') + callingCode + national,
        `+${callingCode}${national}`,
        `+${callingCode}${trunk}${national}`,
      ];
      // Carrier codes and the other prefixes the plan's parsing rule knows (AR, BR, CO, MX…).
      if (prefixForParsing) forms.push(sample(prefixForParsing, next) + national);
      for (const form of forms) out.push({ country, digits: form });
    }
  }
  return out;
}
