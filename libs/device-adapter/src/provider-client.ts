import { ReadCommand } from '@halfhour/contracts';
import { AnswerTooLarge, JsonAnswer, postJson } from '@halfhour/service-kit';
import { ProviderCallFailed } from './provider-errors';

/** What a provider returns for one read: the half hours it has, and register readings. */
export interface ProviderReading {
  periods: { start: string; kwh: number }[];
  registers: { register: string; kwh: number; readAt: string }[];
}

/**
 * One HTTP call to a provider's read API (the CSP of the meter's region, or its S1SP): one
 * settlement day of one meter, never a long profile log (R-DEV-4). Errors are typed by whether a
 * retry can help: throttling, 5xx and timeouts can; a refusal (4xx) cannot.
 */
export async function readFromProvider(baseUrl: string, command: ReadCommand, signal: AbortSignal): Promise<ProviderReading> {
  let answer: JsonAnswer;
  try {
    answer = await postJson(`${baseUrl}/providers/${command.provider}/reads`, {
      commandId: command.commandId, mpan: command.mpan, deviceId: command.deviceId, srv: command.srv,
      start: command.readPeriod.start, end: command.readPeriod.end,
    }, signal);
  } catch (error) {
    if (error instanceof AnswerTooLarge) throw new ProviderCallFailed('BAD_RESPONSE', false, `${command.provider}: ${error.message}`);
    if (signal.aborted) throw new ProviderCallFailed('TIMEOUT', true, `${command.provider} did not answer in time`);
    throw new ProviderCallFailed('PROVIDER_ERROR', true, `${command.provider} could not be reached: ${(error as Error).message}`);
  }
  if (answer.status === 429) {
    const seconds = Number(answer.headers['retry-after']);
    throw new ProviderCallFailed('THROTTLED', true, `${command.provider} throttled the read`, Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  }
  if (answer.status >= 500) throw new ProviderCallFailed('PROVIDER_ERROR', true, `${command.provider} answered ${answer.status}: ${answer.text}`);
  if (answer.status < 200 || answer.status >= 300) throw new ProviderCallFailed('REFUSED', false, `${command.provider} refused the read (${answer.status}): ${answer.text}`);
  let body: Partial<ProviderReading>;
  try {
    body = JSON.parse(answer.text) as Partial<ProviderReading>;
  } catch {
    throw new ProviderCallFailed('BAD_RESPONSE', false, `${command.provider} answered with a body that is not JSON`);
  }
  if (!Array.isArray(body.periods) || !Array.isArray(body.registers)) throw new ProviderCallFailed('BAD_RESPONSE', false, `${command.provider} answered without periods or registers`);
  return { periods: body.periods, registers: body.registers };
}
