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
  // The server layers (also checked on the whole import graph, with circles, by server/import-graph.test.ts):
  // ports declare (→ core); adapters implement ports (→ ports, core); use cases → ports, core; functions → use
  // cases, ports, core. server/composition, server/runtime and cloudfunctions/* are the composition roots.
  {
    files: ['server/ports/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/adapters/*', '**/use-cases/*', '**/functions/*', '**/runtime/*', '**/composition/*', '**/cloudfunctions/*'], message: '端口只声明接口：只能依赖 core 与其他端口。' }] },
      ],
    },
  },
  {
    files: ['server/adapters/**/*.ts'],
    ignores: ['server/**/*.test.ts', 'server/**/testing/**', 'server/**/*.contract.ts', 'server/**/*.fixture.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/use-cases/*', '**/functions/*', '**/runtime/*', '**/composition/*', '**/cloudfunctions/*'], message: '适配器只实现端口：只能依赖端口与 core。' }] },
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
        { patterns: [{ group: ['**/adapters/*', '**/functions/*', '**/runtime/*', '**/composition/*', '**/cloudfunctions/*'], message: '用例只依赖端口与 core：不得依赖适配器、函数层或运行时（上下文类型在 server/use-cases/context.ts）。' }] },
      ],
    },
  },
  {
    files: ['server/functions/**/*.ts'],
    ignores: ['server/functions/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/adapters/*', '**/runtime/*', '**/composition/*', '**/cloudfunctions/*'], message: '函数层只依赖用例、端口与 core：适配器由组合根（server/composition、server/runtime、cloudfunctions）接入。' }] },
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
