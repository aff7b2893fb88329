import { DipMessage, signDipMessage } from '@halfhour/domain';
import { postJson } from '@halfhour/service-kit';
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
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const answer = await postJson(`${url}/dip/messages`, body, signal, signDipMessage(body, now, credentials.certificatePem, credentials.privateKey));
    const retryAfter = answer.headers['retry-after'];
    const outcome = classifyDipAnswer(answer.status, typeof retryAfter === 'string' ? retryAfter : null, Date.now());
    const reason = `${answer.status} ${answer.text}`.slice(0, 500);
    switch (outcome.kind) {
      case 'ACCEPTED':
        return { kind: 'ACCEPTED', transactionId: (JSON.parse(answer.text) as { transactionId: string }).transactionId };
      case 'REFUSED':
        return { kind: 'REFUSED', reason };
      case 'FAILED':
        return { kind: 'FAILED', cause: outcome.cause, reason, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) };
    }
  } catch (error) {
    return { kind: 'FAILED', cause: signal.aborted ? 'timeout' : 'network', reason: signal.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message };
  }
}
