import { createTestDatabase, eventually, freePort } from '@halfhour/testing';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { Client } from 'pg';
import { repositoryRoot } from './deploy-tools';

/** What the image runs: `npm run build`'s JavaScript, on plain node, with production dependencies only. */
describe('the build the image runs', () => {
  beforeAll(() => {
    const built = spawnSync('bash', ['scripts/ensure-build.sh'], { cwd: repositoryRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  }, 120_000);

  const dist = join(repositoryRoot, 'dist');
  const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

  it('has an entry point for every app, and its code needs only production dependencies', () => {
    for (const app of readdirSync(join(repositoryRoot, 'apps'))) expect({ app, built: existsSync(join(dist, 'apps', app, 'src', 'main.js')) }).toEqual({ app, built: true });
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(manifest.dependencies), ...builtinModules]);
    const needed = new Set<string>();
    // Everything the apps can load: the apps and the libraries, but the test-only ones.
    const runtime = [...filesUnder(join(dist, 'apps')), ...filesUnder(join(dist, 'libs')).filter((f) => !/\/libs\/(testing|service-testing)\//.test(f))];
    for (const file of runtime.filter((f) => f.endsWith('.js') && !f.includes('/test/'))) {
      for (const [, request] of readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
        needed.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.replace(/^node:/, '').split('/')[0]);
      }
    }
    expect([...needed].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('migrates a service’s database and exits, as the migration Job does', async () => {
    const database = await createTestDatabase('hh_build');
    try {
      const migrated = spawnSync(process.execPath, ['dist/apps/access-control/src/main.js', 'migrate'], {
        cwd: repositoryRoot, encoding: 'utf8', env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, timeout: 60_000,
      });
      expect(migrated.status).toBe(0);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM schema_migrations');
      await client.end();
      expect(rows[0].n).toBeGreaterThan(1);
    } finally {
      await database.drop();
    }
  }, 90_000);

  it('refuses to start, being in production unless told otherwise, without the settings only a real deployment has, naming each', () => {
    // No NODE_ENV: a service started by hand is in production, so it refuses rather than run open.
    const refused = spawnSync(process.execPath, ['dist/apps/dip-forwarder/src/main.js'], {
      cwd: repositoryRoot, encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' },
    });
    expect(refused.status).toBe(78);
    for (const setting of ['OPERATOR_TOKENS_DIR', 'DATABASE_URL', 'KAFKA_SECURITY_PROTOCOL', 'DIP_URL', 'DIP_CERTIFICATE_FILE', 'DIP_PRIVATE_KEY_FILE', 'MIGRATE_ON_START']) {
      expect({ setting, named: refused.stderr.includes(setting) }).toEqual({ setting, named: true });
    }
  });

  it('serves health on plain node', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/apps/dip-simulator/src/main.js'], { cwd: repositoryRoot, env: { ...process.env, HTTP_PORT: String(port) }, stdio: 'ignore' });
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), 30_000, 200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 60_000);
});
