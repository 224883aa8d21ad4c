// @ts-check
// ESLint flat config: `npm run lint` (with lit-analyzer for template bindings and Prettier's check).
// Formatting is Prettier's job, so no stylistic rules here.
import js from '@eslint/js';
import litA11y from 'eslint-plugin-lit-a11y';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/adopters is type-checked against the packed package by `npm run check:adopters`.
  { ignores: ['dist/', 'node_modules/', '.adopters/', 'coverage/', 'custom-elements.json', 'test/adopters/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'vite.config.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/**/*.ts'],
    extends: [litConfigs['flat/recommended'], wcConfigs['flat/recommended'], wcConfigs['flat/best-practice'], litA11y.configs.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // Lit calls template event listeners (`@click=${this.onClick}`) with the element as `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Lit lifecycle callbacks (`async updated()`) and DOM listeners may return promises on purpose;
      // each handles its own rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // Being rewritten by issues 11 (the element) and 12 (the renderer): turn back on once they land.
    files: ['src/components/llama-agent-chat/llama-agent-chat.ts', 'src/render/markdown.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai-a11y-axe makes every chai Assertion thenable, so each `expect(…)` reads as a floating promise.
      '@typescript-eslint/no-floating-promises': 'off',
      // chai's property assertions: `expect(x).to.exist`.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Tests read JSON (fixtures, recorded requests) as `any` and narrow it by asserting.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Client-tool stubs are async like the real ones, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // A non-null `!` on a query result is the test's assertion that it exists.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      // Leak checks keep the page's own functions (setTimeout, addEventListener…) to wrap and restore them.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Hand-written declarations that import the built types (dist/types): checked by tsc in
    // `npm run check:adopters`, so linted here without type information.
    files: ['types/**/*.ts'],
    extends: [tseslint.configs.recommended],
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
