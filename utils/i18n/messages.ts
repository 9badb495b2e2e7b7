/**
 * Text from a `_locales/<lang>/messages.json` exactly as the browser would give it, for a
 * language other than the browser's own (the `ui.language` setting): Chromium's
 * `chrome.i18n.getMessage` semantics (placeholders at load, `$1`…`$9` and `$$` at lookup), then
 * @wxt-dev/i18n's `t` on top (plural forms, named substitutions). Pure: runtime.ts supplies the
 * messages; tests hold both paths to the same text (tests/unit/i18n/*, tests/e2e/languages.spec.ts).
 */

/** One entry of messages.json, as @wxt-dev/i18n writes it (`generateChromeMessages`). */
export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type MessagesJson = Record<string, ChromeMessage>;

/** Message names and placeholder names, as the browser reads them: case does not matter. */
export type PreparedMessages = ReadonlyMap<string, string>;

/** Chromium's `MessageBundle::IsValidName`: what may sit between two `$` as a placeholder. */
const VALID_NAME = /^[A-Za-z0-9_@]+$/;

/**
 * Chromium's `MessageBundle::ReplaceVariables`: every `$name$` whose name is valid becomes its
 * placeholder's content (the search resumes inside what was put in, as Chromium's does); a valid
 * name without a placeholder makes the whole file invalid.
 */
function replacePlaceholders(message: string, placeholders: ReadonlyMap<string, string>): string {
  let text = message;
  let begin = 0;
  for (;;) {
    begin = text.indexOf('$', begin);
    if (begin === -1) return text;
    begin += 1;
    if (begin >= text.length) return text;
    const end = text.indexOf('$', begin);
    if (end === -1) return text;
    const name = text.slice(begin, end);
    if (!VALID_NAME.test(name)) continue;
    const content = placeholders.get(name.toLowerCase());
    if (content === undefined) throw new Error(`Variable $${name}$ used but not defined.`);
    text = text.slice(0, begin - 1) + content + text.slice(end + 1);
  }
}

/** A messages.json made ready for lookups: names in lower case, placeholders put in. */
export function prepareMessages(json: MessagesJson): PreparedMessages {
  const prepared = new Map<string, string>();
  for (const [name, entry] of Object.entries(json)) {
    if (typeof entry?.message !== 'string') throw new Error(`Message "${name}" has no text.`);
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([key, value]) => [
        key.toLowerCase(),
        String(value.content),
      ]),
    );
    prepared.set(name.toLowerCase(), replacePlaceholders(entry.message, placeholders));
  }
  return prepared;
}

/** UTF-8 bytes of a code point. */
const utf8Length = (codePoint: number): number =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Chromium's `base::ReplaceStringPlaceholders`, which `getMessage` applies to every message: `$1`
 * to `$9` become the substitutions (nothing when there are fewer), a run of n `$` becomes n − 1,
 * and `$` before anything else disappears with that character. Chromium works on UTF-8 bytes:
 * before a character of several bytes, only the first goes, and the rest read as U+FFFD each.
 */
export function replaceSubstitutions(format: string, substitutions: readonly string[]): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (i + 1 >= format.length) continue;
    i++;
    if (format[i] === '$') {
      while (i < format.length && format[i] === '$') {
        out += '$';
        i++;
      }
      i--;
      continue;
    }
    const codePoint = format.codePointAt(i)!;
    if (codePoint >= 0x31 && codePoint <= 0x39) out += substitutions[codePoint - 0x31] ?? '';
    out += '\uFFFD'.repeat(utf8Length(codePoint) - 1);
    if (codePoint > 0xffff) i++;
  }
  return out;
}

/** `browser.i18n.getMessage(name, substitutions)` over prepared messages; '' when unknown. */
export function getMessage(
  messages: PreparedMessages,
  name: string,
  substitutions: readonly string[] = [],
): string {
  return replaceSubstitutions(messages.get(name.toLowerCase()) ?? '', substitutions);
}

type Substitution = string | number;
type Lookup = (name: string, substitutions?: string[]) => string;

const NAMED_SUBSTITUTION = /\{([A-Za-z0-9_]+)\}/g;

/** @wxt-dev/i18n's `applyNamedSubstitutions`: `{name}` becomes its value; unknown ones stay. */
export function applyNamedSubstitutions(
  message: string,
  values: Readonly<Record<string, Substitution>>,
): string {
  return message.replace(NAMED_SUBSTITUTION, (match, key: string) =>
    Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match,
  );
}

/**
 * @wxt-dev/i18n's `t` (node_modules/@wxt-dev/i18n/dist/index.mjs, 0.2.7) over any lookup: a
 * number is the plural count (and `$1` when no substitutions are given), an array the `$n`
 * substitutions, an object the `{name}` ones. Plural messages are "one | other" or
 * "zero | one | other", chosen by the count as @wxt-dev/i18n does.
 */
export function translate(lookup: Lookup, key: string, args: readonly unknown[]): string {
  let substitutions: Substitution[] | undefined;
  let named: Record<string, Substitution> | undefined;
  let count: number | undefined;
  args.forEach((arg, i) => {
    if (arg == null) return;
    if (typeof arg === 'number') count = arg;
    else if (Array.isArray(arg)) substitutions = arg as Substitution[];
    else if (typeof arg === 'object') named = arg as Record<string, Substitution>;
    else
      throw Error(
        `Unknown argument at index ${i}. Must be a number for pluralization, substitution array, or named substitution object.`,
      );
  });
  if (count != null && substitutions == null) substitutions = [String(count)];
  const name = key.replaceAll('.', '_');
  let message = substitutions?.length
    ? lookup(
        name,
        substitutions.map((s) => String(s)),
      )
    : lookup(name);
  if (!message) console.warn(`[i18n] Message not found: "${key}"`);
  if (count != null) message = pluralForm(message, count);
  return named == null ? message : applyNamedSubstitutions(message, named);
}

function pluralForm(message: string, count: number): string {
  const forms = message.split(' | ');
  switch (forms.length) {
    case 1:
      return forms[0]!;
    case 2:
      return forms[count === 1 ? 0 : 1]!;
    case 3:
      return forms[count === 0 || count === 1 ? count : 2]!;
    default:
      throw Error('Unknown plural formatting');
  }
}
