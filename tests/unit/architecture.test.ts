/**
 * docs/architecture.md's layer table is the one dependency-cruiser enforces, and every source file
 * of the extension belongs to a layer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const { LAYERS } = createRequire(import.meta.url)('../../scripts/architecture-layers.cjs') as {
  LAYERS: string[][];
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const inLayer = (file: string, part: string) =>
  part === 'utils/cti/core' ? /^utils\/cti\/[^/]+$/.test(file) : file.startsWith(part);

describe('architecture', () => {
  it('documents the layers that are enforced, in the same order', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const rows = doc
      .split('\n')
      .filter((line) => /^\| \d+ +\|/.test(line))
      .map((line) => [...line.split('|')[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    const enforced = LAYERS.map((layer) =>
      layer.map((part) => (part === 'utils/cti/core' ? 'utils/cti/' : part)),
    );
    expect(rows).toEqual(enforced);
  });

  it('puts every source file of the extension in exactly one layer', () => {
    const sources = ['utils', 'components', 'entrypoints'].flatMap(files);
    const misplaced = sources.filter(
      (file) => LAYERS.flat().filter((part) => inLayer(file, part)).length !== 1,
    );
    expect(misplaced).toEqual([]);
  });
});
