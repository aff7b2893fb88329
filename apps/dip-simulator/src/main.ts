import { createJsonLogger, loadConfigOrExit } from '@halfhour/observability';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Gauge, Registry } from 'prom-client';
import { DipSimulatorConfig } from './dip-simulator.config';
import { DipBehaviour, SimulatedDip } from './simulated-dip';

/**
 * SIMULATOR of Elexon's Data Integration Platform for tests and the local stack:
 * `POST /dip/messages` (signed), `PUT /dip/behaviour`, `GET /dip/stats`, `GET /dip/messages/{reference}` (one of the latest accepted, whole),
 * `GET /dip/mpan-days?from=0&limit=5000` (what was accepted, per MPAN-day, a page at a time: `{ days, next }`),
 * `DELETE /dip/stats` (forget everything), `/metrics`, `/health/live`, `/health/ready`.
 */
const config = loadConfigOrExit(DipSimulatorConfig);
const MPAN_DAYS_PER_PAGE = 5000;
const logger = createJsonLogger('dip-simulator', config.LOG_LEVEL);
const dip = new SimulatedDip();
const metrics = new Registry();
new Gauge({
  name: 'halfhour_simulator_dip_messages',
  help: 'SIMULATOR: what the simulated DIP received, by outcome (unique, duplicates, refused, badSignatures, unavailable, calls).',
  labelNames: ['outcome'],
  registers: [metrics],
  collect() {
    for (const [outcome, count] of Object.entries(dip.stats)) this.set({ outcome }, count);
  },
});
const sockets = new Set<Socket>();

const server = createServer((request, response) => void route(request, response).catch((error: unknown) => {
  logger.warn({ err: error }, 'DIP simulator request failed');
  send(response, 400, { error: 'BAD_REQUEST' });
}));
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname: url, searchParams } = new URL(request.url ?? '/', 'http://dip-simulator');
  if (url === '/health/live' || url === '/health/ready') return send(response, 200, { status: 'ok' });
  if (url === '/metrics') {
    response.writeHead(200, { 'content-type': metrics.contentType }).end(await metrics.metrics());
    return;
  }
  if (url === '/dip/messages' && request.method === 'POST') {
    const headers = Object.fromEntries(['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature'].map((h) => [h, request.headers[h.toLowerCase()] as string | undefined]));
    const answer = await dip.receive(await body(request), headers);
    return send(response, answer.status, answer.body, answer.headers);
  }
  if (url === '/dip/behaviour' && request.method === 'PUT') {
    dip.behaviour = { ...dip.behaviour, ...(JSON.parse((await body(request)).toString('utf8')) as Partial<DipBehaviour>) };
    return send(response, 200, dip.behaviour);
  }
  if (url === '/dip/stats' && request.method === 'GET') return send(response, 200, dip.stats);
  if (url === '/dip/mpan-days' && request.method === 'GET') {
    const from = countParameter(searchParams.get('from'), 0);
    return send(response, 200, dip.accepted.page(from, Math.min(countParameter(searchParams.get('limit'), MPAN_DAYS_PER_PAGE), MPAN_DAYS_PER_PAGE)));
  }
  if (url === '/dip/stats' && request.method === 'DELETE') {
    dip.reset();
    return send(response, 204);
  }
  const stored = /^\/dip\/messages\/(.+)$/.exec(url);
  if (stored && request.method === 'GET') {
    const message = dip.accepted.message(decodeURIComponent(stored[1]));
    return message ? send(response, 200, message) : send(response, 404, { error: 'NOT_FOUND' });
  }
  send(response, 404, { error: 'NOT_FOUND' });
}

function countParameter(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new RangeError(`not a count: ${value}`);
  return Number(value);
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, payload?: unknown, headers: Record<string, string> = {}): void {
  if (payload === undefined) response.writeHead(status, headers).end();
  else response.writeHead(status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

server.listen(config.HTTP_PORT, config.HTTP_HOST, () => logger.info({ host: config.HTTP_HOST, port: config.HTTP_PORT }, 'DIP simulator listening'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    for (const socket of sockets) socket.destroy();
    server.close(() => process.exit(0));
  });
}
