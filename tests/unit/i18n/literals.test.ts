/**
 * No user-facing text is written into the panel's and the options page's components: it comes
 * from locales/*.yml through `t` (docs/architecture.md "Languages"). The TypeScript compiler
 * reads every component and this test fails on any JSX text with a letter, on any string with a
 * letter given to an attribute or prop people read or hear (aria-label, title, placeholder, alt,
 * label, submitText…), shown as a JSX child, set as an error, or held in an object property that
 * is text (label, title, text…), and on any sentence-like string (two words) anywhere else.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');

/** Strings that are not text: placeholders showing a format, not words. */
const NOT_TEXT = [
  // Class lists: sb-row sb-wrap.
  /^(sb-[\w-]+\s*)+$/,
  // Examples of what to type: a URL pattern, a number.
  /^https:\/\/\S+$/,
  /^\+\d+$/,
];

/** Attributes and props whose value people read or hear. */
const TEXT_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'submitText',
  'message',
  'hint',
  'description',
  'text',
  'heading',
]);
/** On our own components (not HTML elements), `name` is the accessible name of a form. */
const COMPONENT_TEXT_PROPS = new Set([...TEXT_PROPS, 'name']);
/** Object properties that hold text. */
const TEXT_PROPERTIES = new Set(['label', 'title', 'text', 'hint', 'message', 'header', 'aria']);
/** Calls whose string argument is shown to the agent. */
const TEXT_CALLS = new Set(['setError', 'fail']);

const hasLetter = (s: string) => /\p{L}/u.test(s);
const isSentence = (s: string) => /\p{L}+[\s’']+\p{L}+/u.test(s);
const isText = (s: string) => hasLetter(s) && !NOT_TEXT.some((re) => re.test(s.trim()));

function components(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return components(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The strings an expression shows: through conditions and templates, never into calls. */
function shownStrings(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteralLike(node)) return [node];
  if (ts.isTemplateExpression(node))
    return [
      node.head,
      ...node.templateSpans.flatMap((s) => [s.literal, ...shownStrings(s.expression)]),
    ];
  if (ts.isParenthesizedExpression(node) || ts.isJsxExpression(node))
    return node.expression ? shownStrings(node.expression) : [];
  if (ts.isConditionalExpression(node))
    return [...shownStrings(node.whenTrue), ...shownStrings(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    // `a + b`, `a || b`, `a ?? b` may show either side, `a && b` its right; comparisons nothing.
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.AmpersandAmpersandToken) return shownStrings(node.right);
    if (
      kind === ts.SyntaxKind.PlusToken ||
      kind === ts.SyntaxKind.BarBarToken ||
      kind === ts.SyntaxKind.QuestionQuestionToken
    )
      return [...shownStrings(node.left), ...shownStrings(node.right)];
  }
  return [];
}

const textOf = (node: ts.Node): string =>
  ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) ? node.text : node.getText();

/** Whether the node is inside a `t(…)` call's arguments (a key) or an import. */
function isKeyOrImport(node: ts.Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    if (ts.isImportDeclaration(up) || ts.isExportDeclaration(up)) return true;
    if (ts.isCallExpression(up) && ts.isIdentifier(up.expression) && up.expression.text === 't')
      return true;
    if (ts.isLiteralTypeNode(up)) return true;
  }
  return false;
}

/** A JSX attribute that is not read: class names, ids, types, keys, ARIA references. */
function attributeOf(node: ts.Node): ts.JsxAttribute | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (ts.isJsxAttribute(up)) return up;
    if (ts.isJsxElement(up) || ts.isJsxSelfClosingElement(up) || ts.isBlock(up)) return undefined;
  }
  return undefined;
}

/** Every literal text of `code` (the source of `file`), as "file:line: text". */
function literalTexts(file: string, code = readFileSync(join(ROOT, file), 'utf8')): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found = new Set<ts.Node>();
  const flag = (nodes: ts.Node[]) => {
    for (const n of nodes) if (isText(textOf(n)) && !isKeyOrImport(n)) found.add(n);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isText(node.text)) found.add(node);
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText();
      const tag = node.parent.parent.tagName.getText();
      const props = /^[A-Z]/.test(tag) ? COMPONENT_TEXT_PROPS : TEXT_PROPS;
      if (props.has(name)) flag(shownStrings(node.initializer));
    }
    // A JSX child expression: `{cond ? 'Searching…' : …}`.
    if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent) && node.expression)
      flag(shownStrings(node.expression));
    if (ts.isPropertyAssignment(node) && TEXT_PROPERTIES.has(node.name.getText()))
      flag(shownStrings(node.initializer));
    // A default value: `label = 'Duration'`, in a parameter or a destructured prop.
    if (
      (ts.isParameter(node) || ts.isBindingElement(node)) &&
      node.initializer &&
      TEXT_PROPS.has(node.name.getText())
    )
      flag(shownStrings(node.initializer));
    if (ts.isCallExpression(node) && TEXT_CALLS.has(node.expression.getText().split('.').at(-1)!))
      node.arguments.forEach((arg) => flag(shownStrings(arg)));
    // Anything that reads as a sentence, wherever it is (a returned message, a constant…).
    if (
      (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) &&
      isSentence(node.text) &&
      isText(node.text) &&
      !attributeOf(node) &&
      !isKeyOrImport(node)
    )
      found.add(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].map((node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    return `${file}:${line + 1}: ${JSON.stringify(textOf(node).trim())}`;
  });
}

describe('user-facing text in components', () => {
  const files = components('components');

  it('reads every component (the test looks where the text is)', () => {
    expect(files).toContain('components/Panel.tsx');
    expect(files).toContain('components/options/OptionsPage.tsx');
  });

  it('finds no literal text outside locales/*.yml', () => {
    expect(files.flatMap((f) => literalTexts(f))).toEqual([]);
  });

  it('catches text where it hides: JSX text, labels, conditions, errors, sentences', () => {
    const caught = [
      '<p>Hello</p>',
      '<b aria-label="Close" />',
      '<Form submitText={busy ? "Saving" : "Save"} />',
      '<Form name="Transfer" />',
      '<p>{busy ? "Searching…" : results}</p>',
      '<p>{`${n} found`}</p>',
      '<p>{ok && "Saved"}</p>',
      '<p>{"Call " + number}</p>',
      'const c = { label: "Transfer" };',
      'action.setError("Enter a number");',
      'const m = "That call has ended";',
      'function F({ label = "Duration" }) {}',
    ];
    for (const sample of caught) expect(literalTexts('probe.tsx', sample), sample).not.toEqual([]);
    const clean = [
      '<p class="sb-row sb-wrap">{t("panel.loading")}</p>',
      '<input type="tel" id={`${id}-to`} name={`${id}-kind`} placeholder="+1900" />',
      '<p>{" · "}{name}</p>',
      'import { t } from "../utils/i18n/runtime";',
      'const KEYS = { ringing: "status.ringing" } as const;',
      'type Kind = "blind transfer" | "attended";',
      '<p>{t("outbox.both", { waiting: a, held: b })}</p>',
      '<p>{item.owner === "open" && name}</p>',
    ];
    for (const sample of clean) expect(literalTexts('probe.tsx', sample), sample).toEqual([]);
  });
});
