/**
 * What generated messages are made of, for the tests that hold utils/i18n/messages.ts to the
 * browser's rules: text, `$` in every position (before digits, letters, characters of several
 * UTF-8 bytes, the end), runs of `$`, `{name}` substitutions and plural bars.
 */
export const MESSAGE_PIECES = [
  'a',
  'Call',
  'B c',
  ' ',
  'é',
  '’',
  '😀',
  '_',
  '$',
  '$$',
  '$1',
  '$2',
  '$3',
  '$9',
  '$0',
  '$a',
  '1',
  '{n}',
  '{who}',
  '{x_1}',
  '{',
  '}',
  '|',
  ' | ',
] as const;
