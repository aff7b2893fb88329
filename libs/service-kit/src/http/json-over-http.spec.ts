import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AnswerTooLarge, MAX_ANSWER_BYTES, postJson } from './json-over-http';

describe('postJson', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    // Answers the first request on each connection; a second request on the same connection finds
    // it closed, as when a server's keep-alive timeout ends an idle connection just as it is reused.
    server = createServer((request, response) => {
      const served = ((request.socket as { served?: number }).served ?? 0) + 1;
      (request.socket as { served?: number }).served = served;
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push(`${served}:${body}`);
        if (served > 1) request.socket.destroy();
        else response.end(JSON.stringify({ echoed: JSON.parse(body) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends a call again, once, on a new connection when the kept-alive one it reused had been closed', async () => {
    const first = await postJson(url, { n: 1 }, new AbortController().signal);
    const second = await postJson(url, { n: 2 }, new AbortController().signal);
    expect([first.status, JSON.parse(first.text)]).toEqual([200, { echoed: { n: 1 } }]);
    expect([second.status, JSON.parse(second.text)]).toEqual([200, { echoed: { n: 2 } }]);
    expect(seen).toEqual(['1:{"n":1}', '2:{"n":2}', '1:{"n":2}']);
  });

  it('does not send again a call that failed for any other reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(postJson(`http://127.0.0.1:${port}/`, {}, new AbortController().signal)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('postJson, against a server that answers without end', () => {
  it('cuts the answer off past MAX_ANSWER_BYTES and says so, instead of reading it all into memory', async () => {
    let written = 0;
    const flood = createServer((request, response) => {
      request.resume();
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const more = () => {
        while (written < 64 * MAX_ANSWER_BYTES && response.write(chunk)) written += chunk.length;
        if (written < 64 * MAX_ANSWER_BYTES) response.once('drain', more);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      more();
    });
    await new Promise<void>((resolve) => flood.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(flood.address() as AddressInfo).port}/`;
      await expect(postJson(url, {}, new AbortController().signal)).rejects.toThrow(AnswerTooLarge);
      expect(written).toBeLessThan(64 * MAX_ANSWER_BYTES);
    } finally {
      flood.closeAllConnections();
      await new Promise<void>((resolve) => flood.close(() => resolve()));
    }
  });
});
