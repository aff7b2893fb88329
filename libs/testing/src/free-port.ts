import { createServer } from 'node:net';

/**
 * A TCP port the kernel has just handed out and released. Picking a random number instead collides
 * with the ephemeral ports of the test's own outgoing connections (Linux hands those out from
 * 32768–60999).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address was assigned');
  return address.port;
}
