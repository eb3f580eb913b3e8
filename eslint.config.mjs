import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-h5/**',
      'data/**',
      '.data/**',
      'coverage/**',
      'cloudfunctions/*/index.js',
      'e2e/artifacts/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The dependency rule: core is pure and shared; it never reaches an SDK, Taro, storage or Node.
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tarojs/*', '@cloudbase/*', 'wx-server-sdk', 'better-sqlite3', 'node:*', 'fs', 'path', 'http', 'crypto'], message: 'core 只能是纯 TypeScript：不得依赖 SDK、Taro、存储或 Node 内置模块。' },
            { group: ['**/server/**', '**/src/**', '@/*'], message: 'core 不得依赖 server 或 src。' },
          ],
        },
      ],
    },
  },
  {
    // Use cases own their context (server/use-cases/context.ts); the transport layers call them, never the reverse.
    files: ['server/use-cases/**/*.ts'],
    ignores: ['server/use-cases/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/functions/*', '**/runtime/*', '**/cloudfunctions/*'], message: '用例不得依赖函数层或运行时：上下文类型在 server/use-cases/context.ts。' }] },
      ],
    },
  },
  {
    // Pages talk to feature APIs; only src/lib/cloud touches the transport.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/lib/cloud/**', 'src/features/dev/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Taro'][property.name=/^(cloud|request|uploadFile)$/]", message: '页面不得直接访问传输层，请通过 features/<area>/api.ts 调用。' },
      ],
    },
  },
);
