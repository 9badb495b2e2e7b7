/**
 * Number detection, time against input length (not part of `npm test`: no timing in tests):
 * `npm run bench:detect-linear [-- --rounds 7 --no-report]`.
 *
 * In one Node process, `findPhoneNumbers` on adversarial text (tests/bench/adversarial-text.ts:
 * digits, `+`, brackets, extensions, dates, long digit runs) of 1 KB, 10 KB and 100 KB, and on
 * plain prose of the same sizes as the baseline, measured in the same run. Reports the median time
 * per KB of each and the ratio of the 10× and 100× sizes' time per KB to the 1× size's: about 1
 * means linear; a super-linear detector shows ratios growing with the size. The detector stops
 * reading after 100,000 characters, so 100 KB is the largest size that still measures it.
 * Results go to docs/benchmarks.md, section `detect-linear`, unless `--no-report`.
 */
import { parseArgs } from 'node:util';
import { findPhoneNumbers } from '../utils/phone/detect';
import { adversarialText } from '../tests/bench/adversarial-text';
import { createRng, pick } from '../tests/bench/crm-data';
import {
  BENCHMARKS_FILE,
  describeMachine,
  markdownTable,
  wrapProse,
  writeBenchSection,
} from './bench-report';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'no-report': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100)
  throw new Error('--rounds must be a whole number from 1 to 100');

const KB = 1_000;
const SIZES = [1, 10, 100];
const WORDS = [
  'the',
  'customer',
  'asked',
  'about',
  'renewal',
  'pricing',
  'and',
  'delivery',
  'notes',
];

function prose(bytes: number, seed = 1): string {
  const rng = createRng(seed);
  let text = '';
  while (text.length < bytes) text += `${pick(rng, WORDS)} `;
  return text.slice(0, bytes);
}

/** Median ms per KB of `findPhoneNumbers(text)`, repeated until each sample lasts about 20 ms. */
function msPerKb(text: string): number {
  const detect = () => findPhoneNumbers(text, { defaultCountry: 'US' });
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) detect();
    if (performance.now() - t0 > 20 || reps >= 1 << 16) break;
    reps *= 2;
  }
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) detect();
    samples.push((performance.now() - t0) / reps / (text.length / KB));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const rows = SIZES.map((size) => ({
  size,
  adversarial: msPerKb(adversarialText(size * KB)),
  baseline: msPerKb(prose(size * KB)),
}));
const first = rows[0]!;
const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const table = markdownTable(
  ['input', 'adversarial per KB', 'ratio to 1×', 'prose per KB (baseline)', 'ratio to 1×'],
  rows.map((r) => [
    `${r.size} KB (${r.size}×)`,
    fmt(r.adversarial),
    (r.adversarial / first.adversarial).toFixed(2),
    fmt(r.baseline),
    (r.baseline / first.baseline).toFixed(2),
  ]),
);
console.log(table);

if (!values['no-report']) {
  const intro = wrapProse(
    '`scripts/bench-detect-linear.ts` times `findPhoneNumbers` in Node on adversarial text (digits, `+`, brackets, extensions, dates, long digit runs: tests/bench/adversarial-text.ts) and on plain prose as the baseline, at 1, 10 and 100 KB, in one run. A ratio near 1 means the time per KB does not grow with the input: detection is linear in its length.',
  );
  await writeBenchSection(
    BENCHMARKS_FILE,
    'detect-linear',
    `## Number detection: time per KB against input size\n\n${intro}\n\nRegenerate: \`npm run bench:detect-linear\`\n\n${markdownTable(
      ['measure', 'value'],
      [
        ['date', `${new Date().toISOString().slice(0, 19)}Z (UTC)`],
        ['machine', describeMachine()],
        ['rounds', String(rounds)],
      ],
    )}\n\n${table}\n`,
  );
}
