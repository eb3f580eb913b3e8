/** One `npm test` runs every project: unit and function tests in parallel, browser tests after the H5 build. */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } }, module: { type: 'commonjs' } }];
const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1' },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{core,server,cloudfunctions,scripts,src}/**/*.test.ts?(x)'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/e2e/support/setup.ts'],
    },
  ],
};
