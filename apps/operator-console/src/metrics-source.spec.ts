import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { PrometheusQuery, ScrapedMetrics } from './metrics-source';

/** A local HTTP server answering with what the test gives it, and recording what it was asked. */
async function serving(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; asked: string[]; server: Server }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    asked.push(request.url ?? '');
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, asked, server };
}

describe('where the console reads the figures only metrics hold', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  it('asks Prometheus for the sum over every replica', async () => {
    const prometheus = await serving((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1764547200, '42'] }] } }));
    });
    servers.push(prometheus.server);
    expect(await new PrometheusQuery(`${prometheus.url}/`, 2_000).sum('halfhour_dip_backlog_messages')).toEqual({ total: 42, unreachable: [] });
    expect(prometheus.asked.map((path) => new URL(path, prometheus.url).searchParams.get('query'))).toEqual(['sum(halfhour_dip_backlog_messages)']);
  });

  it('reads no series as none, and a Prometheus that does not answer as unreachable', async () => {
    const empty = await serving((_request, response) => response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } })));
    const failing = await serving((_request, response) => {
      response.statusCode = 503;
      response.end(JSON.stringify({ status: 'error' }));
    });
    servers.push(empty.server, failing.server);
    expect(await new PrometheusQuery(empty.url, 2_000).sum('halfhour_consumer_dead_letters_total')).toEqual({ total: 0, unreachable: [] });
    expect(await new PrometheusQuery(failing.url, 2_000).sum('halfhour_consumer_dead_letters_total')).toEqual({ total: 0, unreachable: [failing.url] });
  });

  it('adds up each service’s own metrics where each is one process, naming one that does not answer', async () => {
    const service = await serving((_request, response) => response.end('# TYPE halfhour_dip_backlog_messages gauge\nhalfhour_dip_backlog_messages{service="dip-forwarder"} 7\n'));
    servers.push(service.server);
    expect(await new ScrapedMetrics([service.url, 'http://127.0.0.1:1'], 2_000).sum('halfhour_dip_backlog_messages')).toEqual({ total: 7, unreachable: ['http://127.0.0.1:1'] });
  });
});
