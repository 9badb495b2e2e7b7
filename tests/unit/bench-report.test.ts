/** scripts/bench-report.ts: sections of docs/benchmarks.md that benchmarks rewrite. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'prettier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BENCHMARKS_INTRO,
  describeMachine,
  markdownTable,
  replaceBenchSection,
  wrapProse,
  writeBenchSection,
} from '../../scripts/bench-report';

const DOC = `# Benchmarks

Hand-written intro.

<!-- bench:relay -->

old relay numbers

<!-- /bench:relay -->

A note between sections.

<!-- bench:detect -->

detection numbers

<!-- /bench:detect -->

Footer.
`;

describe('replaceBenchSection', () => {
  it('replaces only its own section and leaves every other byte alone', () => {
    const out = replaceBenchSection(DOC, 'relay', '## Relay\n\nnew relay numbers\n');
    expect(out).toBe(DOC.replace('old relay numbers', '## Relay\n\nnew relay numbers'));
    expect(replaceBenchSection(out, 'relay', '## Relay\n\nnew relay numbers')).toBe(out);
  });

  it('appends a section that is not there yet', () => {
    const out = replaceBenchSection('# Benchmarks\n\nIntro.\n\n\n', 'relay', 'numbers');
    expect(out).toBe(
      '# Benchmarks\n\nIntro.\n\n<!-- bench:relay -->\n\nnumbers\n\n<!-- /bench:relay -->\n',
    );
    expect(replaceBenchSection('', 'relay', 'numbers')).toBe(
      '<!-- bench:relay -->\n\nnumbers\n\n<!-- /bench:relay -->\n',
    );
    // A name that is a prefix of another is still its own section.
    expect(replaceBenchSection(DOC, 'rel', 'x')).toContain('old relay numbers');
  });

  it('refuses damaged markers, bad names and content holding markers', () => {
    const noEnd = DOC.replace('<!-- /bench:relay -->', '');
    expect(() => replaceBenchSection(noEnd, 'relay', 'x')).toThrow(/damaged/);
    const twice = `${DOC}\n<!-- bench:relay -->\n`;
    expect(() => replaceBenchSection(twice, 'relay', 'x')).toThrow(/damaged/);
    const reversed = '<!-- /bench:relay -->\n\n<!-- bench:relay -->\n';
    expect(() => replaceBenchSection(reversed, 'relay', 'x')).toThrow(/damaged/);
    expect(() => replaceBenchSection(DOC, 'Relay Bench', 'x')).toThrow(/name/);
    expect(() => replaceBenchSection(DOC, 'relay', '<!-- /bench:relay -->')).toThrow(/markers/);
  });
});

describe('writeBenchSection', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-report-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file from the intro, then rewrites sections in place', async () => {
    const file = join(dir, 'docs', 'benchmarks.md');
    await writeBenchSection(file, 'relay', 'first');
    await writeBenchSection(file, 'detect', 'detect numbers');
    await writeBenchSection(file, 'relay', 'second');
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(BENCHMARKS_INTRO)).toBe(true);
    expect(text).not.toContain('first');
    expect(text.indexOf('second')).toBeLessThan(text.indexOf('detect numbers'));
  });

  it('keeps what others wrote around the sections', async () => {
    const file = join(dir, 'benchmarks.md');
    await writeFile(file, DOC);
    await writeBenchSection(file, 'detect', 'new detection numbers');
    expect(await readFile(file, 'utf8')).toBe(
      DOC.replace('detection numbers', 'new detection numbers'),
    );
  });
});

describe('markdownTable', () => {
  it('lays tables out as Prettier does, so the generated file passes `npm run lint`', async () => {
    const table = markdownTable(
      ['measure', 'value'],
      [
        ['machine', '2 × Intel(R) Xeon(R) CPU @ 2.20GHz, Node v20.19.0'],
        ['misrouted', '0'],
        ['odd | cell', 'x'],
      ],
    );
    const doc = replaceBenchSection(BENCHMARKS_INTRO, 'relay', `## Relay\n\n${table}`);
    const options = { parser: 'markdown', singleQuote: true, printWidth: 100 } as const;
    expect(await format(doc, options)).toBe(doc);
    expect(table).toContain('odd \\| cell');
  });

  it('wraps prose at 100 columns without breaking words', () => {
    const text = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const lines = wrapProse(text).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe(text);
    // "1)" at the start of a line would begin an ordered list: it stays on the line before.
    const risky = `${'x'.repeat(93)} (exit 1) and - more`;
    expect(wrapProse(risky).split('\n')).toEqual([`${'x'.repeat(93)} (exit 1)`, 'and - more']);
  });

  it('describes the machine with its CPUs and Node version', () => {
    expect(describeMachine()).toMatch(/^\d+ × .+, Node v\d+\.\d+\.\d+, \w+ \w+$/);
  });
});
