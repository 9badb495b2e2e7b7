/**
 * The panels' and the options page's styles hold to one set of design tokens (panel.css, top):
 * no colour and no font size outside them, text colours that meet WCAG AA on the backgrounds
 * they are used on in the light and the dark scheme alike, and no motion for those who asked
 * their system for less. axe-core checks the rendered pages end to end (tests/e2e/glance.spec.ts);
 * this holds the tokens themselves, for every pair, before anything renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLES = ['panel.css', 'options/options.css', 'diagnostics/diagnostics.css'].map((file) => ({
  file,
  css: readFileSync(join(__dirname, file), 'utf8'),
}));

interface Declaration {
  property: string;
  value: string;
  /** The selectors and at-rules around it, outermost first. */
  within: string[];
}

/** Every declaration of a stylesheet with the blocks around it (comments dropped). */
function declarations(css: string): Declaration[] {
  const found: Declaration[] = [];
  const within: string[] = [];
  let text = '';
  for (const ch of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (ch === '{') {
      within.push(text.trim());
      text = '';
    } else if (ch === ';' || ch === '}') {
      const colon = text.indexOf(':');
      if (colon > 0 && text.trim()) {
        found.push({
          property: text.slice(0, colon).trim(),
          value: text.slice(colon + 1).trim(),
          within: [...within],
        });
      }
      text = '';
      if (ch === '}') within.pop();
    } else {
      text += ch;
    }
  }
  return found;
}

const COLOUR = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklch|color)\(/i;
const isToken = (d: Declaration) => d.property.startsWith('--sb-');

/** The colour tokens of `:root`, with the dark scheme's over the light ones when `dark`. */
function tokens(dark: boolean): Record<string, string> {
  const panel = declarations(STYLES[0]!.css).filter(isToken);
  const light = panel.filter((d) => d.within.join(' ') === ':root');
  const night = panel.filter((d) => d.within.join(' ').includes('prefers-color-scheme: dark'));
  const all = [...light, ...(dark ? night : [])];
  return Object.fromEntries(all.map((d) => [d.property.slice('--sb-'.length), d.value]));
}

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text colour on background, as panel.css uses them. */
const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'ring-bg'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['muted', 'ring-bg'],
  // The ringing card's "Incoming call" and its Ringing badge; links.
  ['accent', 'ring-bg'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent-text', 'accent'],
  // Tags, figures, directory status, notes, errors, Decline (on --sb-bg).
  ['good', 'bg'],
  ['good', 'surface'],
  ['warn', 'bg'],
  ['warn', 'surface'],
  ['bad', 'bg'],
  ['bad', 'surface'],
  ['bad', 'ring-bg'],
  // Answer and Hang up.
  ['on-signal', 'good'],
  ['on-signal', 'bad'],
];
/** What must stand out as a shape (WCAG 1.4.11, 3:1): field edges and the focus ring. */
const SHAPE_PAIRS: [string, string][] = [
  ['control-border', 'bg'],
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['focus', 'ring-bg'],
  ['accent', 'ring-bg'],
];

describe('design tokens', () => {
  it('keeps every colour and every font size in the tokens', () => {
    for (const { file, css } of STYLES) {
      const used = declarations(css).filter((d) => !isToken(d));
      const colours = used.filter((d) => COLOUR.test(d.value));
      expect({ file, colours }).toEqual({ file, colours: [] });
      const sizes = used.filter(
        (d) => d.property === 'font-size' && !/^var\(--sb-font-\w+\)$/.test(d.value),
      );
      expect({ file, sizes }).toEqual({ file, sizes: [] });
    }
  });

  it.each([
    ['light', false],
    ['dark', true],
  ])('meets WCAG AA contrast in the %s scheme', (_scheme, dark) => {
    const colours = tokens(dark);
    const low = (pairs: [string, string][], minimum: number) =>
      pairs
        .map(([fg, bg]) => ({ fg, bg, ratio: contrast(colours[fg]!, colours[bg]!) }))
        .filter((p) => !(p.ratio >= minimum))
        .map((p) => `${p.fg} on ${p.bg}: ${p.ratio.toFixed(2)}`);
    expect(low(TEXT_PAIRS, 4.5)).toEqual([]);
    expect(low(SHAPE_PAIRS, 3)).toEqual([]);
  });

  it('defines every token the styles use, in both schemes', () => {
    const defined = new Set(
      declarations(STYLES[0]!.css)
        .filter((d) => isToken(d) && d.within.join(' ') === ':root')
        .map((d) => d.property),
    );
    const dark = declarations(STYLES[0]!.css).filter(
      (d) => isToken(d) && d.within.join(' ').includes('prefers-color-scheme: dark'),
    );
    // The dark scheme changes colours only, and only colours the light one has.
    expect(dark.filter((d) => !defined.has(d.property) || !COLOUR.test(d.value))).toEqual([]);
    for (const { file, css } of STYLES) {
      const used = [...css.matchAll(/var\((--sb-[\w-]+)\)/g)].map((m) => m[1]!);
      expect({ file, undefined: [...new Set(used.filter((u) => !defined.has(u)))] }).toEqual({
        file,
        undefined: [],
      });
    }
  });

  it('moves nothing for those who asked for reduced motion', () => {
    for (const { file, css } of STYLES) {
      const moving = declarations(css).filter(
        (d) => /^(animation|transition)/.test(d.property) && d.value !== 'none',
      );
      const unguarded = moving.filter(
        (d) => !d.within.some((w) => /prefers-reduced-motion:\s*no-preference/.test(w)),
      );
      expect({ file, unguarded }).toEqual({ file, unguarded: [] });
    }
    expect(declarations(STYLES[0]!.css).some((d) => d.property === 'animation')).toBe(true);
  });
});
