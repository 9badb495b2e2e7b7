/**
 * Adversarial text for number detection: the pieces the detector reacts to (digits, `+`,
 * brackets, dashes, extensions, full-width digits, dates, long digit runs, id words), shared by
 * the property test (tests/property/detect.property.test.ts) and the linearity benchmark
 * (scripts/bench-detect-linear.ts), which joins them into texts of a given size.
 */
import { createRng, pick } from './crm-data';

export const ADVERSARIAL_PIECES = [
  '+',
  '++',
  '1',
  '12',
  '555',
  '0123',
  '00',
  '011',
  '(',
  ')',
  '(0)',
  '-',
  '–',
  '.',
  '/',
  ' ',
  '\u00A0',
  '\u200B',
  'x',
  'ext.',
  '#',
  ';ext=',
  '０',
  '１２３',
  '＋',
  '2024-01-15',
  '12/15/2024',
  '10.0.0.1',
  'v1.2.3',
  'ISBN 978-3-16-148410-0',
  '4111 1111 1111 1111',
  'Order #',
  'ID: ',
  'Tel: ',
  'Fax ',
  '$',
  '€ 1 234,56',
  '1234567890123456789012345',
  '(212) 555-0123',
  '+33 1 42 68 53 00',
] as const;

/** About `bytes` UTF-16 code units of adversarial text, the same for the same seed. */
export function adversarialText(bytes: number, seed = 1): string {
  const rng = createRng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const piece = pick(rng, ADVERSARIAL_PIECES);
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, bytes);
}
