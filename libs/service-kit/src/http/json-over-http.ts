import { Agent as HttpAgent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface JsonAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text (the caller parses it: an error page need not be JSON). */
  text: string;
}

// Kept-alive connections, reused call after call: the adapters' reads and the forwarder's DIP calls
// are many small requests to a few hosts. Node's http client, not fetch: fetch's WHATWG machinery
// (streams, Request, Headers, DOMException) was over half of an adapter's CPU per read.
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * POSTs `body` (JSON, or already a JSON string) and answers with the status, headers and text; the
 * signal aborts the call. A kept-alive connection the server closed while it sat idle fails the
 * moment it is reused, before the request was read: that call goes again once, on a new connection
 * (node's documented way; the request never reached the server, so sending it again is safe).
 */
export async function postJson(url: string, body: unknown, signal: AbortSignal, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  try {
    return await postOnce(url, payload, signal, headers);
  } catch (error) {
    if (!(error instanceof StaleConnection)) throw error;
    return postOnce(url, payload, signal, headers);
  }
}

/** The server had closed the kept-alive connection this call reused. */
class StaleConnection extends Error {}

function postOnce(url: string, payload: string, signal: AbortSignal, headers: Record<string, string>): Promise<JsonAnswer> {
  const secure = url.startsWith('https:');
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      signal,
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
      response.on('close', () => response.complete || reject(new Error('the connection closed before the answer was complete')));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const stale = request.reusedSocket && !signal.aborted && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      reject(stale ? new StaleConnection(error.message, { cause: error }) : error);
    });
    request.end(payload);
  });
}
