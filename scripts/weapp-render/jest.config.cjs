/**
 * The weapp render smoke test: run by `npm run check:weapp` (scripts/weapp-check.mjs) after its static checks,
 * on the build in dist/ — never by `npm test`, which has no weapp build.
 */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/scripts/weapp-render/*.render.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } }] },
  // The built mini-program runs as built: no transform of dist/.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1' },
  testEnvironment: 'node',
};
