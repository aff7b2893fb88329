import { createServer } from 'node:net';

/** Whether something already listens on the loopback port. */
function isTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/**
 * Fails at once, naming them, when any of the ports a stack is about to use is taken: found
 * otherwise only when a service binds it, after it has connected to its database and joined its
 * Kafka groups (over a minute in).
 */
export async function assertPortsFree(ports: readonly { name: string; port: number }[]): Promise<void> {
  const taken = (await Promise.all(ports.map(async (p) => ((await isTaken(p.port)) ? p : undefined)))).filter((p) => p !== undefined);
  if (taken.length > 0) {
    throw new Error(`port${taken.length > 1 ? 's' : ''} ${taken.map((p) => `${p.port} (${p.name})`).join(', ')} already in use: stop what uses ${taken.length > 1 ? 'them' : 'it'}, or pass --port-offset N`);
  }
}
