import nx from '@nx/eslint-plugin';

/** Imports a pure library may never make: frameworks, transports, storage, metrics. */
const INFRASTRUCTURE_PACKAGES = ['@nestjs/*', 'kafkajs', '@confluentinc/*', 'typeorm', 'pg', 'prom-client', 'pino', 'express'];

const LAYERS = {
  'type:domain': ['type:domain'],
  'type:contracts': ['type:domain', 'type:contracts'],
  'type:infrastructure': ['type:domain', 'type:contracts', 'type:infrastructure'],
  'type:testing': ['type:domain', 'type:contracts', 'type:infrastructure', 'type:testing'],
  // Apps talk to each other over Kafka and HTTP, never by import.
  'type:app': ['type:domain', 'type:contracts', 'type:infrastructure'],
  // Benches, e2e suites and deploy generators: libraries by their alias, checked like any other;
  // the apps they drive by path (TOOLING_APP_IMPORTS), as nothing else may.
  'type:tooling': ['type:domain', 'type:contracts', 'type:infrastructure', 'type:testing'],
};

/**
 * The second axis: what code is for. Production services and the libraries they run on may never
 * import simulators or synthetic data (a simulated provider's values must not reach a real DIP);
 * simulators may use production code; the CLI, benches, e2e suites and deploy generators (tooling)
 * may use anything (benches set up throwaway databases with the test helpers). Tests may use test
 * helpers and synthetic data.
 */
const SCOPES = {
  'scope:production': ['scope:production'],
  'scope:simulation': ['scope:production', 'scope:simulation'],
  'scope:tooling': ['scope:production', 'scope:simulation', 'scope:tooling', 'scope:testing'],
  'scope:testing': ['scope:production', 'scope:simulation', 'scope:testing'],
};

const BANNED = {
  'type:domain': [...INFRASTRUCTURE_PACKAGES, 'class-validator', 'class-transformer'],
  'type:contracts': INFRASTRUCTURE_PACKAGES,
};

/** How tooling reaches into the apps it benches, runs and deploys: by relative path, from tools/ only. */
const TOOLING_APP_IMPORTS = ['../../apps/**'];

/** Tests and their fixtures may also use the test helpers; production code may not. */
function boundaries({ inTests, allow = [] }) {
  return [
    'error',
    {
      allow,
      enforceBuildableLibDependency: false,
      banTransitiveDependencies: true,
      depConstraints: [
        ...Object.entries(LAYERS).map(([sourceTag, allowed]) => ({
          sourceTag,
          onlyDependOnLibsWithTags: inTests ? [...new Set([...allowed, 'type:testing'])] : allowed,
          ...(BANNED[sourceTag] ? { bannedExternalImports: BANNED[sourceTag] } : {}),
        })),
        ...Object.entries(SCOPES).map(([sourceTag, allowed]) => ({
          sourceTag,
          onlyDependOnLibsWithTags: inTests ? [...new Set([...allowed, 'scope:simulation', 'scope:testing'])] : allowed,
        })),
      ],
    },
  ];
}

const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/out', '**/.cache', '**/coverage', 'tmp'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries({ inTests: false }),
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The Kafka client lives behind @halfhour/kafka (client factory, TLS/SASL, types by its own names);
  // the test helpers, which libs/kafka's own tests use, reach the test broker directly.
  {
    files: ['**/*.ts'],
    ignores: ['libs/kafka/**', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'kafkajs lives behind @halfhour/kafka: use createKafkaClient and its types (KafkaClient, KafkaRecord…).' }] }] },
  },
  { files: TEST_FILES, rules: { '@nx/enforce-module-boundaries': boundaries({ inTests: true }) } },
  { files: ['tools/**/*.ts'], rules: { '@nx/enforce-module-boundaries': boundaries({ inTests: false, allow: TOOLING_APP_IMPORTS }) } },
  { files: TEST_FILES.map((pattern) => `tools/${pattern}`), rules: { '@nx/enforce-module-boundaries': boundaries({ inTests: true, allow: TOOLING_APP_IMPORTS }) } },
];
