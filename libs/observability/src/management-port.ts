import { INestApplication } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * What the management port serves: metrics and health, nothing that carries data. Read as Express
 * routes it — without regard to case or a trailing slash — so `/METRICS` or `/metrics/` is the
 * management path too, and never served on the operator port.
 */
export function isManagementPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0].toLowerCase().replace(/\/+$/, '');
  return path === '/metrics' || path.startsWith('/health/');
}

/**
 * Splits the service's HTTP in two: `/metrics` and `/health/*` only on `port`, everything else only
 * on the main port; a request on the wrong port gets 404 naming the right one. Call before the
 * application listens; then `listenForManagement` once it does.
 */
export function separateManagementPort(app: INestApplication, port: number, mainPort: number): void {
  if (port === mainPort) throw new RangeError(`MANAGEMENT_PORT (${port}) must differ from HTTP_PORT`);
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const onManagementPort = request.socket.localPort === port;
    if (isManagementPath(request.url) === onManagementPort) return next();
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({
      error: 'NOT_FOUND',
      message: onManagementPort ? 'the management port serves only /metrics and /health/*' : `/metrics and /health/* are served on the management port ${port}`,
    }));
  });
}

/** The management port's listener, on the application's own request handling; closed when the main server closes. */
export async function listenForManagement(app: INestApplication, port: number, host: string): Promise<Server> {
  const server = createServer(app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  (app.getHttpServer() as Server).once('close', () => server.close());
  return server;
}
