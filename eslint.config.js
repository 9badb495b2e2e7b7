import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

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
);
