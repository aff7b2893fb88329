import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SimulatedTime } from './simulated-time';
import { SimulationClockState } from './simulation-clock.controller';

/** A process's clock endpoint answering with `state` (what a service on a free-running clock says of itself). */
async function processAnswering(state: SimulationClockState | 'error'): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    if (state === 'error') return void response.writeHead(503).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('simulated time, read once on a free-running clock', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  async function timeOver(...states: (SimulationClockState | 'error')[]): Promise<{ time: SimulatedTime; urls: string[] }> {
    const processes = await Promise.all(states.map(processAnswering));
    servers.push(...processes.map((p) => p.server));
    const urls = processes.map((p) => p.url);
    return { time: new SimulatedTime({ start: new Date('2026-12-01T00:00:00Z'), services: () => urls }), urls };
  }

  // Each process's clock is far ahead of the runner's start: a free-running clock is never stepped back or refused for it.
  const AHEAD = '2026-12-09T10:00:00.000Z';

  it('names what each unsettled process waits for, whatever its clock says', async () => {
    const { time, urls } = await timeOver(
      { now: AHEAD, generation: 7, settled: true, waitingFor: [] },
      { now: AHEAD, generation: 9, settled: false, waitingFor: ['consumers: 1200 messages of device.read-results.1 unconsumed'] },
      'error',
    );
    expect(await time.unsettledNow()).toEqual([
      `${urls[1]}: consumers: 1200 messages of device.read-results.1 unconsumed`,
      `${urls[2]}: its clock answered 503`,
    ]);
  });

  it('is empty once every process has settled', async () => {
    const { time } = await timeOver({ now: AHEAD, generation: 3, settled: true, waitingFor: [] }, { now: AHEAD, generation: 4, settled: true, waitingFor: [] });
    expect(await time.unsettledNow()).toEqual([]);
  });

  it('counts a process that does not answer as unsettled', async () => {
    const time = new SimulatedTime({ start: new Date('2026-12-01T00:00:00Z'), services: () => ['http://127.0.0.1:1'] });
    expect(await time.unsettledNow()).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:1: not answering/)]);
  });
});
