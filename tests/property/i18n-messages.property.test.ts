/**
 * The message resolver of a chosen language (utils/i18n/messages.ts) against what it copies:
 * - `$1`…`$9` and `$$`, against an independent reading of Chromium's
 *   `base::ReplaceStringPlaceholders` (the same check runs against Chromium itself in
 *   tests/e2e/languages.spec.ts);
 * - `$name$` placeholders, against a plain search and replace;
 * - plural forms, `$n` and `{name}` substitutions, against @wxt-dev/i18n's own `t` over the same
 *   messages, built by @wxt-dev/i18n's own generator.
 */
import { createI18n } from '@wxt-dev/i18n';
import { generateChromeMessages, parseMessagesObject } from '@wxt-dev/i18n/build';
import fc from 'fast-check';
import { describe, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  getMessage,
  prepareMessages,
  replaceSubstitutions,
  translate,
  type MessagesJson,
} from '../../utils/i18n/messages';
import { MESSAGE_PIECES } from '../support/message-pieces';
import { checkProperty } from '../support/property';

const piece = fc.constantFrom(...MESSAGE_PIECES);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
const substitution = fc.oneof(
  fc.constantFrom('', 'x', '$1', '$$', '{n}', 'Ada Lovelace'),
  fc.string({ maxLength: 6 }),
);

/**
 * Chromium's rules read another way, on UTF-8 bytes: runs of `$`, then `$` and the byte after it
 * (the rest of a character of several bytes is not UTF-8 any more: U+FFFD for each byte).
 */
function reference(format: string, subs: readonly string[]): string {
  return format.replace(/\$\$+|\$(.)?/gsu, (match, next?: string) => {
    if (match.length > 1 && match[1] === '$') return match.slice(1);
    if (next === undefined) return '';
    if (next >= '1' && next <= '9') return subs[Number(next) - 1] ?? '';
    const bytes = new TextEncoder().encode(next).length;
    return '\uFFFD'.repeat(bytes - 1);
  });
}

describe('message resolver', () => {
  it('substitutes $1…$9 and $$ as Chromium does', () => {
    checkProperty(
      'i18n substitutions',
      fc.property(text, fc.array(substitution, { maxLength: 9 }), (format, subs) => {
        const got = replaceSubstitutions(format, subs);
        const want = reference(format, subs);
        if (got !== want) throw new Error(`${JSON.stringify(format)} → ${got} ≠ ${want}`);
      }),
      { numRuns: 4000 },
    );
  });

  it('puts placeholders in, whatever their case, and leaves other $…$ alone', () => {
    const name = fc.constantFrom('count', 'who', 'x_1');
    const plain = fc.stringMatching(/^[A-Za-z ,.’é]{0,8}$/);
    // Text between two placeholders: Chromium resumes its search one character into what it
    // put in, so two placeholders side by side are not both found (as in the browser).
    const between = fc.stringMatching(/^[A-Za-z ,.’é]{1,8}$/);
    checkProperty(
      'i18n placeholders',
      fc.property(
        fc.array(fc.tuple(between, name, fc.boolean()), { maxLength: 5 }),
        plain,
        fc.constantFrom('$1', 'Ada', ''),
        (parts, tail, content) => {
          const message =
            parts
              .map(([before, n, upper]) => `${before}$${upper ? n.toUpperCase() : n}$`)
              .join('') + tail;
          const placeholders = {
            count: { content },
            WHO: { content: `<${content}>` },
            x_1: { content: 'x' },
          };
          const prepared = prepareMessages({ m: { message, placeholders } });
          const want =
            parts
              .map(
                ([before, n]) =>
                  before + (n === 'count' ? content : n === 'who' ? `<${content}>` : 'x'),
              )
              .join('') + tail;
          const got = getMessage(prepared, 'M');
          if (got !== reference(want, [])) throw new Error(`${message} → ${got}`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('chooses plural forms and substitutes like @wxt-dev/i18n’s t', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const library = createI18n();
    const entry = fc.oneof(
      text,
      fc.record({ 1: text, n: text }),
      fc.record({ 0: text, 1: text, n: text }),
    );
    const arg = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -2, max: 30 }),
      fc.array(substitution, { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('n', 'who', 'x_1', 'other'), substitution, { maxKeys: 3 }),
    );
    checkProperty(
      'i18n t',
      fc.property(
        fc.constantFrom('simple', 'group.item', 'Mixed.Case'),
        entry,
        fc.array(arg, { maxLength: 3 }),
        (key, value, args) => {
          const [group, item] = key.split('.');
          const object = item ? { [group!]: { [item]: value } } : { [key]: value };
          const json = generateChromeMessages(parseMessagesObject(object)) as MessagesJson;
          // A `$3$` with no placeholder 3 makes the file invalid: the browser would not load it.
          let prepared: ReturnType<typeof prepareMessages>;
          try {
            prepared = prepareMessages(json);
          } catch {
            fc.pre(false);
            return;
          }
          fakeBrowser.i18n.getMessage = ((name: string, subs?: string | string[]) =>
            getMessage(prepared, name, subs === undefined ? [] : [subs].flat())) as never;
          const outcome = (run: () => string) => {
            try {
              return { text: run() };
            } catch (error) {
              return { error: (error as Error).message };
            }
          };
          const want = outcome(() => (library.t as (...a: unknown[]) => string)(key, ...args));
          const got = outcome(() => translate((n, s) => getMessage(prepared, n, s), key, args));
          if (JSON.stringify(got) !== JSON.stringify(want))
            throw new Error(
              `${JSON.stringify({ value, args })}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
            );
        },
      ),
      { numRuns: 4000 },
    );
  });
});
