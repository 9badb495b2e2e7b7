/**
 * Benchmark reports in one Markdown file, docs/benchmarks.md. Each benchmark owns one section
 * between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->` and rewrites only that, so several
 * benchmarks share the file (`npm run bench:relay`, tests/bench/relay.ts; `npm run bench:detect`, the
 * click-to-dial detection benchmark) and everything outside the markers stays as it is.
 *
 *   await writeBenchSection(BENCHMARKS_FILE, 'relay', '## Relay\n\n…');
 */
import { cpus } from 'node:os';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

/** The top of docs/benchmarks.md when a benchmark creates it. */
export const BENCHMARKS_INTRO = `# Benchmarks

This file is regenerated: \`npm run bench:relay\`, \`npm run bench:detect\`, \`npm run bench:wake\` and
\`npm run bench:panel\` each rewrite their own section (between its \`<!-- bench:… -->\` markers) and
leave the rest alone. Every section says when, on which machine and with which command it was
measured. The machines are shared and noisy, so treat ratios and numbers as orders of magnitude, not
as guarantees: run the command again on your own hardware before relying on one.
`;

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const markers = (name: string) => ({
  open: `<!-- bench:${name} -->`,
  close: `<!-- /bench:${name} -->`,
});

const count = (text: string, part: string) => text.split(part).length - 1;

/**
 * `content` with the section `name` set to `markdown`: replaced where its markers are, appended at
 * the end otherwise. Throws rather than guess when the markers are damaged (one missing, repeated
 * or in the wrong order) or when `markdown` itself holds a section marker.
 */
export function replaceBenchSection(content: string, name: string, markdown: string): string {
  if (!NAME.test(name)) throw new Error(`bench section name "${name}": use a-z, 0-9 and "-"`);
  if (/<!-- \/?bench:/.test(markdown))
    throw new Error(`bench section "${name}": the content must not hold section markers`);
  const { open, close } = markers(name);
  const section = `${open}\n\n${markdown.trim()}\n\n${close}`;
  const opens = count(content, open);
  const closes = count(content, close);
  if (opens === 0 && closes === 0) {
    const before = content.trimEnd();
    return `${before}${before ? '\n\n' : ''}${section}\n`;
  }
  const start = content.indexOf(open);
  const end = content.indexOf(close);
  if (opens !== 1 || closes !== 1 || end < start)
    throw new Error(
      `bench section "${name}": its markers in the file are damaged; fix them by hand`,
    );
  return content.slice(0, start) + section + content.slice(end + close.length);
}

/**
 * Sets the section `name` of `file` (see replaceBenchSection). A missing file is created from
 * `initial` (docs/benchmarks.md's intro by default). The file is replaced atomically.
 */
export async function writeBenchSection(
  file: string,
  name: string,
  markdown: string,
  { initial = BENCHMARKS_INTRO }: { initial?: string } = {},
): Promise<void> {
  const content = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return initial;
    throw err;
  });
  const next = replaceBenchSection(content, name, markdown);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, next, 'utf8');
  await rename(tmp, file);
}

/** A Markdown table laid out the way Prettier lays it out, so `npm run lint` stays clean. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>) {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const all = [header, ...rows].map((r) => header.map((_, i) => cell(r[i] ?? '')));
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) =>
    `| ${r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join(' | ')} |`;
  const [head = [], ...body] = all;
  return [
    line(head),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

/** Words that would start a list, quote or heading at the start of a line ("1)", "-", "#"). */
const BLOCK_MARKER = /^(\d{1,9}[.)]|[-+*>]|#{1,6}|=+|-+)$/;

/**
 * A paragraph wrapped at `width` columns, like the hand-written docs. A word that Markdown would
 * read as a block marker at the start of a line stays on the previous line, even if it is long.
 */
export function wrapProse(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width && !BLOCK_MARKER.test(word)) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** "2 × Intel(R) Xeon(R) CPU @ 2.20GHz, Node v20.19.0, linux x64". */
export function describeMachine(): string {
  const list = cpus();
  const models = [...new Set(list.map((c) => c.model.trim()).filter(Boolean))];
  const cpu = `${list.length} × ${models.join(' / ') || 'unknown CPU'}`;
  return `${cpu}, Node ${process.version}, ${process.platform} ${process.arch}`;
}
