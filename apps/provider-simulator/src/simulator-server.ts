import { JsonLogger } from '@halfhour/observability';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Gauge, Registry } from 'prom-client';
import { Behaviour } from './provider-behaviour';
import { ReadRequest, SimulatedProvider } from './simulated-provider';
import { SimulatorClock } from './simulator-clock';

const READ = /^\/providers\/([A-Z0-9-]+)\/reads$/;
const BEHAVIOUR = /^\/providers\/([A-Z0-9-]+)(?:\/meters\/([0-9A-F-]+))?\/behaviour$/;
const STATS = /^\/providers\/([A-Z0-9-]+)\/stats$/;
const LOAD = /^\/providers\/([A-Z0-9-]+)\/load$/;
const CLOCK = /^\/simulation\/clock(?:\?waitMs=(\d+))?$/;

/**
 * The SIMULATED providers' HTTP API — what the device adapters call in place of the real CSPs and
 * S1SPs — and its control API for tests and operators:
 * - `POST /providers/{provider}/reads` `{ commandId, mpan, deviceId, srv, start, end }` → 200 data,
 *   429 throttled, 503 failed or down, 413 too large, or no answer at all;
 * - `PUT /providers/{provider}[/meters/{deviceId}]/behaviour` with part of a Behaviour;
 * - `GET /providers/{provider}/stats`, `DELETE /providers/{provider}/stats` (also resets behaviour);
 * - `GET /providers/{provider}/load`: each ended slot's reads from Halfhour and how the provider's
 *   BAU traffic fared in it (ProviderLoad);
 * - `GET|PUT /simulation/clock`: the run's time (SimulatorClock), as every service answers it.
 */
export class SimulatorServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private readonly metrics = new Registry();

  constructor(
    private readonly providers: ReadonlyMap<string, SimulatedProvider>,
    private readonly logger: JsonLogger,
    private readonly clock = new SimulatorClock(),
  ) {
    new Gauge({
      name: 'halfhour_simulator_reads',
      help: 'SIMULATOR: reads received per simulated provider, by what it did with them.',
      labelNames: ['provider', 'outcome'],
      registers: [this.metrics],
      collect() {
        for (const [name, provider] of providers) {
          for (const [outcome, count] of Object.entries(provider.stats)) this.set({ provider: name, outcome }, count);
        }
      },
    });
    this.server = createServer((request, response) => void this.route(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve) => this.server.listen(port, host, () => resolve()));
  }

  /** Stops at once: reads held open on purpose (timeouts) are cut. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '';
    try {
      if (url === '/health/live' || url === '/health/ready') return send(response, 200, { status: 'ok' });
      if (url === '/metrics') {
        response.writeHead(200, { 'content-type': this.metrics.contentType }).end(await this.metrics.metrics());
        return;
      }
      let match = READ.exec(url);
      if (match && request.method === 'POST') {
        this.clock.begin();
        try {
          const answer = await this.provider(match[1]).read((await body(request)) as ReadRequest);
          if (answer === 'NEVER') return;
          return send(response, answer.status, answer.body, answer.headers);
        } finally {
          this.clock.end();
        }
      }
      match = CLOCK.exec(url);
      if (match && request.method === 'GET') return send(response, 200, await this.clock.state(Math.min(Number(match[1] ?? 0), 10_000)));
      if (match && request.method === 'PUT') {
        try {
          this.clock.advance((await body(request)) as never);
        } catch (error) {
          if (error instanceof RangeError) return send(response, 400, { error: 'BAD_REQUEST', message: error.message });
          throw error;
        }
        return send(response, 200, await this.clock.state(Math.min(Number(match[1] ?? 0), 10_000)));
      }
      match = LOAD.exec(url);
      if (match && request.method === 'GET') return send(response, 200, { behaviour: this.provider(match[1]).change({}), slots: this.provider(match[1]).slots() });
      match = BEHAVIOUR.exec(url);
      if (match && request.method === 'PUT') {
        return send(response, 200, this.provider(match[1]).change((await body(request)) as Partial<Behaviour>, match[2]));
      }
      match = STATS.exec(url);
      if (match && request.method === 'GET') return send(response, 200, this.provider(match[1]).stats);
      if (match && request.method === 'DELETE') {
        this.provider(match[1]).reset();
        return send(response, 204);
      }
      send(response, 404, { error: 'NOT_FOUND' });
    } catch (error) {
      if (error instanceof UnknownProvider) return send(response, 404, { error: 'UNKNOWN_PROVIDER', message: error.message });
      this.logger.warn({ err: error, url }, 'simulator request failed');
      send(response, 400, { error: 'BAD_REQUEST' });
    }
  }

  private provider(name: string): SimulatedProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new UnknownProvider(`no simulated provider ${name}`);
    return provider;
  }
}

class UnknownProvider extends Error {}

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function send(response: ServerResponse, status: number, payload?: unknown, headers: Record<string, string> = {}): void {
  if (payload === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
}
