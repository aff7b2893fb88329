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
};

const BANNED = {
  'type:domain': [...INFRASTRUCTURE_PACKAGES, 'class-validator', 'class-transformer'],
  'type:contracts': INFRASTRUCTURE_PACKAGES,
};

/** Tests and their fixtures may also use the test helpers; production code may not. */
function boundaries({ inTests }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      banTransitiveDependencies: true,
      depConstraints: Object.entries(LAYERS).map(([sourceTag, allowed]) => ({
        sourceTag,
        onlyDependOnLibsWithTags: inTests ? [...new Set([...allowed, 'type:testing'])] : allowed,
        ...(BANNED[sourceTag] ? { bannedExternalImports: BANNED[sourceTag] } : {}),
      })),
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
  { files: TEST_FILES, rules: { '@nx/enforce-module-boundaries': boundaries({ inTests: true }) } },
];
