// @ts-check
/**
 * Two tiers (docs/testing.md): `unit` runs pure and in-process specs (*.spec.ts) in parallel;
 * `integration` runs *.integration-spec.ts serially against the real Kafka broker and PostgreSQL,
 * which its global setup starts through scripts/ when they are not already up.
 */
const { pathsToModuleNameMapper } = require('./tools/jest/paths-to-module-name-mapper');
const tsconfig = require('./tsconfig.base.json');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swcTransform },
  moduleNameMapper: pathsToModuleNameMapper(tsconfig.compilerOptions.paths, __dirname),
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'].filter((dir) => require('node:fs').existsSync(dir.replace('<rootDir>', __dirname))),
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/integration-setup.ts'],
    },
  ],
};
