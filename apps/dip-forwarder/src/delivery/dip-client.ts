import { DipMessage, signDipMessage } from '@halfhour/domain';
import { KeyObject } from 'node:crypto';

export type DipCallOutcome =
  | { kind: 'ACCEPTED'; transactionId: string }
  | { kind: 'REFUSED'; reason: string }
  | { kind: 'FAILED'; reason: string };

export interface DipCredentials {
  certificatePem: string;
  privateKey: KeyObject;
}

/** One signed call to the DIP with several MPAN-days; a 4xx is a refusal, anything else a failure to retry. */
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
    if (response.ok) return { kind: 'ACCEPTED', transactionId: (JSON.parse(text) as { transactionId: string }).transactionId };
    if (response.status >= 400 && response.status < 500) return { kind: 'REFUSED', reason: `${response.status} ${text}`.slice(0, 500) };
    return { kind: 'FAILED', reason: `${response.status} ${text}`.slice(0, 500) };
  } catch (error) {
    return { kind: 'FAILED', reason: (error as Error).message };
  }
}
