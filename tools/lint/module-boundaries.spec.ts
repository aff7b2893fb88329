import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * The boundary rules must really constrain. @nx/enforce-module-boundaries silently skips itself
 * when Nx has no project graph, so these lint made-up files in real projects and expect errors.
 */
describe('module boundaries', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  }, 120_000);

  function lintMessages(file: string, source: string): { ruleId: string; message: string }[] {
    const eslint = spawnSync(
      process.execPath,
      [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', join(root, file)],
      { cwd: root, input: source, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
    );
    return (JSON.parse(eslint.stdout) as { messages: { ruleId: string; message: string }[] }[])[0].messages;
  }

  function boundaryErrors(file: string, source: string): string[] {
    return lintMessages(file, source).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it.each([
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';"],
    ['kafkajs', "import { Kafka } from 'kafkajs';"],
    ['typeorm', "import { DataSource } from 'typeorm';"],
    ['class-validator', "import { IsString } from 'class-validator';"],
    ['an infrastructure library', "import { KafkaRuntime } from '@halfhour/kafka';"],
  ])('keeps %s out of the pure domain library', (_what, source) => {
    expect(boundaryErrors('libs/domain/src/identifiers/probe.ts', `${source}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it('keeps the Kafka client inside libs/kafka: the CLI, services and tests reach it through @halfhour/kafka', () => {
    const direct = "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n";
    const restricted = (file: string) => lintMessages(file, direct).filter((m) => m.ruleId === 'no-restricted-imports');
    for (const file of ['apps/halfhour-cli/src/stack/probe.ts', 'apps/scheduler/src/probe.ts', 'libs/service-testing/src/probe.ts', 'apps/scheduler/src/probe.spec.ts']) {
      expect({ file, errors: restricted(file).length }).toEqual({ file, errors: 1 });
    }
    expect(restricted('libs/kafka/src/connection/probe.ts')).toEqual([]);
  });

  it('keeps Kafka out of the contracts library', () => {
    expect(boundaryErrors('libs/contracts/src/probe.ts', "import { Kafka } from 'kafkajs';\nexport const x = Kafka;\n")).not.toEqual([]);
  });

  it('lets contracts use the domain, and infrastructure use contracts', () => {
    expect(boundaryErrors('libs/contracts/src/probe.ts', "import { isValidMpid } from '@halfhour/domain';\nexport const x = isValidMpid;\n")).toEqual([]);
    expect(boundaryErrors('libs/kafka/src/probe.ts', "import { Topics } from '@halfhour/contracts';\nexport const x = Topics;\n")).toEqual([]);
  });

  it('keeps production code of infrastructure libraries from importing the test helpers', () => {
    expect(boundaryErrors('libs/kafka/src/probe.ts', "import { uniqueName } from '@halfhour/testing';\nexport const x = uniqueName;\n")).not.toEqual([]);
  });

  it('keeps simulators and synthetic data out of production services and their libraries, but not out of their tests', () => {
    const synthetic = "import { syntheticHalfHourKwh } from '@halfhour/simulation';\nexport const x = syntheticHalfHourKwh;\n";
    expect(boundaryErrors('apps/dip-forwarder/src/probe.ts', synthetic)).toEqual([expect.stringContaining('scope:production')]);
    expect(boundaryErrors('libs/device-adapter/src/probe.ts', "import { CssFeed } from '@halfhour/upstream-simulators';\nexport const x = CssFeed;\n")).not.toEqual([]);
    expect(boundaryErrors('apps/dip-forwarder/src/probe.spec.ts', synthetic)).toEqual([]);
    expect(boundaryErrors('apps/provider-simulator/src/probe.ts', synthetic)).toEqual([]);
  });

  it('lets tooling reach the apps it drives by path, and nothing else may', () => {
    const app = "import { SchedulerConfig } from '../../apps/scheduler/src/scheduler.config';\nexport const x = SchedulerConfig;\n";
    expect(boundaryErrors('tools/bench/probe.ts', app)).toEqual([]);
    expect(boundaryErrors('libs/service-kit/probe.ts', app)).not.toEqual([]);
    expect(boundaryErrors('tools/bench/probe.ts', "import { Kafka } from 'kafkajs';\nimport { Topics } from '../../libs/contracts/src';\nexport const x = [Kafka, Topics];\n")).not.toEqual([]);
  });
});
