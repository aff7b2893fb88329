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
 * The largest answer read: a provider's day of one meter or the DIP's acknowledgement is a few
 * kilobytes; a server sending more is broken or hostile, and is not let fill the process's memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The server's answer went past MAX_ANSWER_BYTES: the call was cut off there. */
export class AnswerTooLarge extends Error {
  constructor(url: string) {
    super(`the answer from ${new URL(url).host} is larger than ${MAX_ANSWER_BYTES} bytes; it was cut off`);
    this.name = 'AnswerTooLarge';
  }
}

/**
 * POSTs `body` (JSON, or already a JSON string) and answers with the status, headers and text (at
 * most MAX_ANSWER_BYTES, else AnswerTooLarge); the signal aborts the call. A kept-alive connection the server closed while it sat idle fails the
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
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_ANSWER_BYTES) {
          reject(new AnswerTooLarge(url));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
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
