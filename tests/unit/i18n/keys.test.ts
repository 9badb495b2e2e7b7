/**
 * The message files and the code agree (docs/architecture.md "Languages"): every language has
 * exactly English's keys, with the same substitutions and plural forms; every key of
 * locales/en.yml is used somewhere in the extension; every key the code names exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../utils/i18n/languages';
import { LOCALES_DIR } from '../../support/locales';

const ROOT = join(__dirname, '..', '..', '..');

/** @wxt-dev/i18n adds the browser's predefined messages (@@ui_locale…) to every file. */
const own = (messages: ParsedMessage[]) => messages.filter((m) => !m.key[0]!.startsWith('@@'));

async function parsed(language: string): Promise<Map<string, ParsedMessage>> {
  const messages = own(await parseMessagesFile(join(LOCALES_DIR, `${language}.yml`)));
  return new Map(messages.map((m) => [m.key.join('.'), m]));
}

/** What a translation must keep of the English message: its `$n`, `{name}` and plural shape. */
function shape(message: ParsedMessage) {
  return {
    type: message.type,
    substitutions: message.substitutions,
    named: [...message.namedSubstitutions].sort(),
    forms: message.type === 'plural' ? Object.keys(message.plurals).sort() : undefined,
  };
}

/** The extension's source files: everything the build reads, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const SOURCE_FILES = [...['utils', 'components', 'entrypoints'].flatMap(sources), 'wxt.config.ts'];

interface Found {
  /** Every string literal of the code (a key is named by one, in a t() call or a map of keys). */
  literals: Set<string>;
  /** The first argument of each t(…) call that is not a plain string literal, by place. */
  dynamicKeys: string[];
  /** The keys `__MSG_…__` names in the manifest and the pages. */
  manifestNames: Set<string>;
}

/** A key put together at run time: a template with values, or strings added up. */
const isBuiltKey = (node: ts.Expression): boolean =>
  ts.isTemplateExpression(node) ||
  (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken);

function scan(): Found {
  const found: Found = { literals: new Set(), dynamicKeys: [], manifestNames: new Set() };
  for (const file of SOURCE_FILES) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) found.manifestNames.add(m[1]!.toLowerCase());
    if (file.endsWith('.html')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node)) found.literals.add(node.text);
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 't' &&
        node.arguments[0] &&
        isBuiltKey(node.arguments[0])
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.dynamicKeys.push(`${relative(ROOT, join(ROOT, file))}:${line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('message keys', () => {
  it('gives every language exactly the English keys, substitutions and plural forms', async () => {
    const english = await parsed('en');
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const translated = await parsed(language);
      const missing = [...english.keys()].filter((key) => !translated.has(key));
      const extra = [...translated.keys()].filter((key) => !english.has(key));
      expect({ language, missing, extra }).toEqual({ language, missing: [], extra: [] });
      const different = [...english].filter(
        ([key, message]) =>
          JSON.stringify(shape(message)) !== JSON.stringify(shape(translated.get(key)!)),
      );
      expect({ language, different: different.map(([key]) => key) }).toEqual({
        language,
        different: [],
      });
    }
  });

  it('says what each file’s language is in meta.language, and keeps every message non-empty', async () => {
    for (const language of LANGUAGES) {
      const messages = await parsed(language);
      expect(messages.get('meta.language')).toMatchObject({ message: language });
      const empty = [...messages]
        .filter(([, m]) =>
          m.type === 'plural'
            ? Object.values(m.plurals).some((v) => !v.trim())
            : !('message' in m && m.message.trim()),
        )
        .map(([key]) => key);
      expect({ language, empty }).toEqual({ language, empty: [] });
    }
  });

  it('uses every English key somewhere, and names no key that is not there', async () => {
    const english = await parsed('en');
    const { literals, dynamicKeys, manifestNames } = scan();
    const underscored = (key: string) => key.replaceAll('.', '_').toLowerCase();
    const unused = [...english.keys()].filter(
      (key) => !literals.has(key) && !manifestNames.has(underscored(key)),
    );
    expect(unused).toEqual([]);
    // A literal shaped like a key of one of the files' groups must be one.
    const groups = new Set([...english.keys()].map((key) => key.split('.')[0]));
    const unknown = [...literals].filter(
      (s) =>
        /^[a-z][A-Za-z]*(\.[a-z][A-Za-z0-9]*)+$/.test(s) &&
        groups.has(s.split('.')[0]) &&
        !english.has(s),
    );
    expect(unknown).toEqual([]);
    const names = new Set([...english.keys()].map(underscored));
    expect([...manifestNames].filter((name) => !names.has(name))).toEqual([]);
    // Keys are found by reading the code: none may be put together at run time.
    expect(dynamicKeys).toEqual([]);
  });

  it('never gives two keys the same name in messages.json (dots become underscores)', async () => {
    const keys = [...(await parsed('en')).keys()];
    const names = keys.map((key) => key.replaceAll('.', '_').toLowerCase());
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});
