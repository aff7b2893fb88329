/**
 * npm run bench:start [-- --from-source]
 *
 * Each service and simulator started alone, as a rolling restart starts a pod: milliseconds from
 * spawn to its first ready answer (/health/ready polled every 20 ms) and resident memory then, on a
 * fresh database (the start migrates it) and again on the migrated one. From the compiled
 * dist/ (what the image and every local run use), or with `--from-source` through the TypeScript
 * loader the services used to run under, for comparison.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunNamespace } from '../../apps/halfhour-cli/src/day/run-namespace';
import { SERVICE_CATALOGUE, ServiceEntry } from '../../apps/halfhour-cli/src/stack/service-catalogue';
import { kafkaBrokers } from '../../apps/halfhour-cli/src/stack/stack-settings';
import { ensureStack, repositoryRoot } from './bench-support';
import { processMemoryOf } from '../../apps/halfhour-cli/src/stack/process-memory';

const fromSource = process.argv.includes('--from-source');
const PORT_OFFSET = 300;

interface StartFigure {
  service: string;
  firstStartMs: number;
  restartMs: number;
  rssAtReadyMb: number;
}

function residentMb(pid: number): number {
  return processMemoryOf(pid)?.rssMb ?? 0;
}

async function startOnce(entry: ServiceEntry, namespace: RunNamespace): Promise<{ ms: number; rssMb: number }> {
  const port = entry.httpPort + PORT_OFFSET;
  const source = entry.entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  const args = fromSource ? ['-r', '@swc-node/register', source] : ['--enable-source-maps', entry.entry];
  const began = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    stdio: 'ignore',
    env: {
      ...process.env, NODE_ENV: 'development', SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.json'), SERVICE_NAME: entry.name, HTTP_PORT: String(port), LOG_LEVEL: 'error',
      KAFKA_BROKERS: kafkaBrokers(), KAFKA_TOPIC_PREFIX: namespace.topicPrefix, CONSUMER_GROUP: `${namespace.topicPrefix}${entry.name}`,
      ...(entry.database ? { DATABASE_URL: namespace.databaseUrlOf(entry) } : {}),
    },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${entry.name} exited during start (${child.exitCode})`);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return { ms: Date.now() - began, rssMb: residentMb(child.pid!) };
      await sleep(20);
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

async function main(): Promise<void> {
  ensureStack();
  const namespace = new RunNamespace('startbench');
  await namespace.create(SERVICE_CATALOGUE);
  const figures: StartFigure[] = [];
  try {
    for (const entry of SERVICE_CATALOGUE) {
      const first = await startOnce(entry, namespace);
      const again = await startOnce(entry, namespace);
      figures.push({ service: entry.name, firstStartMs: first.ms, restartMs: again.ms, rssAtReadyMb: again.rssMb });
    }
  } finally {
    await namespace.deleteTopics();
  }
  console.log(`start to ready, each alone, ${fromSource ? 'from TypeScript source (@swc-node/register)' : 'compiled (dist/)'}:`);
  console.log(`  ${'service'.padEnd(20)} ${'first start (migrates)'.padStart(22)} ${'restart'.padStart(9)} ${'RSS at ready'.padStart(13)}`);
  for (const f of figures) console.log(`  ${f.service.padEnd(20)} ${`${f.firstStartMs} ms`.padStart(22)} ${`${f.restartMs} ms`.padStart(9)} ${`${f.rssAtReadyMb.toFixed(0)} MB`.padStart(13)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
