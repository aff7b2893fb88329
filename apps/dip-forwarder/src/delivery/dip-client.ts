import { DipMessage, signDipMessage } from '@halfhour/domain';
import { KeyObject } from 'node:crypto';
import { classifyDipAnswer, DipFailureCause } from './dip-answer-class';

export type DipCallOutcome =
  | { kind: 'ACCEPTED'; transactionId: string }
  | { kind: 'REFUSED'; reason: string }
  | { kind: 'FAILED'; cause: DipFailureCause; reason: string; retryAfterMs?: number };

export interface DipCredentials {
  certificatePem: string;
  privateKey: KeyObject;
}

/** One signed call to the DIP with several MPAN-days, its answer classified (see dip-answer-class.ts). */
export async function sendToDip(url: string, messages: readonly DipMessage[], credentials: DipCredentials, timeoutMs: number, now: Date): Promise<DipCallOutcome> {
  const body = JSON.stringify({ messages });
  try {
    const response = await fetch(`${url}/dip/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signDipMessage(body, now, credentials.certificatePem, credentials.privateKey) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const answer = classifyDipAnswer(response.status, response.headers.get('retry-after'), Date.now());
    const reason = `${response.status} ${text}`.slice(0, 500);
    switch (answer.kind) {
      case 'ACCEPTED':
        return { kind: 'ACCEPTED', transactionId: (JSON.parse(text) as { transactionId: string }).transactionId };
      case 'REFUSED':
        return { kind: 'REFUSED', reason };
      case 'FAILED':
        return { kind: 'FAILED', cause: answer.cause, reason, ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }) };
    }
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { kind: 'FAILED', cause: timedOut ? 'timeout' : 'network', reason: (error as Error).message };
  }
}
