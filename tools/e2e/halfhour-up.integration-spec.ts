import { adminDatabaseUrl, exitWhileProgressing } from '@halfhour/testing';
import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { repositoryRoot } from '../deploy/deploy-tools';

const OFFSET = 23_000;
const up = (...args: string[]) => exitWhileProgressing(spawn(process.execPath, [join(repositoryRoot, 'dist/apps/halfhour-cli/src/main.js'), 'up', '--exit-when-ready', ...args], {
  cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'],
}));

/**
 * `halfhour up`: the whole local stack on the real clock, beside another one if asked. Each test
 * waits for the command to exit (`--exit-when-ready`: once every process says it is ready).
 */
describe('halfhour up', () => {
  afterAll(async () => {
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'uptest\\_%'");
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await client.end();
  });

  it('runs every service on its ports moved by --port-offset, its topics and databases under --namespace', async () => {
    const { code, output } = await up('--port-offset', String(OFFSET), '--namespace', 'uptest');
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    for (const port of [8081, 8083, 8086, 8087, 8090, 8091]) expect(output).toContain(`http://127.0.0.1:${port + OFFSET}/health/ready`);
    expect(output).toContain('stopped cleanly');
    // No stack the project starts serves data without a token: checked by `up` itself once ready.
    expect(output).toContain(`operator API closed: http://127.0.0.1:${8083 + OFFSET}/capacity answers 401 without the token, 200 with it`);
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'uptest\\_%' ORDER BY 1");
    await client.end();
    expect(rows.map((r) => r.datname)).toEqual(expect.arrayContaining(['uptest_scheduler', 'uptest_registration_intake', 'uptest_dip_forwarder']));
  });

  it('fails at once, naming the port, when one of its ports is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(8083 + OFFSET + 1, '127.0.0.1', resolve));
    try {
      const { code, output } = await up('--port-offset', String(OFFSET + 1));
      expect(code).toBe(1);
      expect(output).toContain(`port ${8083 + OFFSET + 1} (scheduler) already in use`);
      expect(output).not.toContain('topics:');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses an option it does not know, or one without its value', async () => {
    expect((await up('--port-offset')).code).toBe(1);
    expect((await up('--namespace', 'Not-A-Name')).output).toContain('--namespace must be a short lower-case name');
  });
});
