// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Complexity is where change hurts. 15 is the most any function in src/
      // scored once the worst were split into named steps (so the rule passes
      // today and stops new piles from forming); new or changed code aims for
      // 12 or less, which leaves room to add a branch without a rewrite.
      complexity: ['error', 15],
    },
  },
);
