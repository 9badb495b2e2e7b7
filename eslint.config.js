import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The vendors, as their folders under utils/cti/vendors/ name them: outside those folders the
 * extension's code may not name a vendor (docs/architecture.md, "Adding a vendor").
 */
const VENDOR_IDS = readdirSync(new globalThis.URL('./utils/cti/vendors/', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);
const VENDOR_NAME = VENDOR_IDS.join('|');
const NAMED_VENDOR = 'A vendor is named only in its folder and the registry (utils/cti/vendors/).';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'demo-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['.dependency-cruiser.cjs', 'scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
    // dependency-cruiser reads its configuration as CommonJS.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { console: 'readonly' } },
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'No HTML sinks: render text or JSX.' },
        { property: 'outerHTML', message: 'No HTML sinks: render text or JSX.' },
        { property: 'insertAdjacentHTML', message: 'No HTML sinks: render text or JSX.' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Small functions (docs/architecture.md): a longer one is a module that wants splitting.
    files: ['entrypoints/**', 'components/**', 'utils/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['entrypoints/**', 'components/**', 'utils/**'],
    ignores: ['utils/cti/vendors/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/\\b(${VENDOR_NAME})\\b/i]`, message: NAMED_VENDOR },
        { selector: `TemplateElement[value.raw=/\\b(${VENDOR_NAME})\\b/i]`, message: NAMED_VENDOR },
        { selector: `Identifier[name=/${VENDOR_NAME}/i]`, message: NAMED_VENDOR },
        { selector: `PrivateIdentifier[name=/${VENDOR_NAME}/i]`, message: NAMED_VENDOR },
      ],
    },
  },
);
