import { createServer, Server } from 'node:net';
import { assertPortsFree } from './port-preflight';

describe('the port pre-flight', () => {
  let server: Server;
  let taken: number;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    taken = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('names a taken port and says how to move the stack', async () => {
    await expect(assertPortsFree([{ name: 'scheduler', port: taken }])).rejects.toThrow(`port ${taken} (scheduler) already in use: stop what uses it, or pass --port-offset N`);
  });

  it('lets free ports through, and leaves them free', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    await expect(assertPortsFree([{ name: 'dip-forwarder', port: free }])).resolves.toBeUndefined();
    await expect(assertPortsFree([{ name: 'dip-forwarder', port: free }])).resolves.toBeUndefined();
  });
});
