import { derivedMessageId, ReadResult, RequesterDto, ServiceResponse } from '@halfhour/contracts';
import { DataRouting, DEFAULT_PURPOSE, routeData, scheduleIdIn, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';

/** A result with data, its routing among its requesters, and the reference of its data (the DIP message's, when it goes there). */
export interface RoutedResult {
  result: ReadResult;
  routing: DataRouting<RequesterDto & { purpose: NonNullable<RequesterDto['purpose']> }>;
  reference: string;
}

export function routedResult(result: ReadResult, reference: string): RoutedResult {
  return { result, reference, routing: routeData(result.requesters.map((r) => ({ ...r, purpose: r.purpose ?? DEFAULT_PURPOSE }))) };
}

export interface DataAnswer {
  messageId: string;
  response: ServiceResponse;
  route: 'dip' | 'requester';
}

/**
 * Each requester's answer for each MPAN-day, once per reference and request however often a batch
 * names it: settlement requesters are told the DIP reference, the others get the values.
 */
export function answersOf(routed: readonly RoutedResult[], now: Date): DataAnswer[] {
  const answers = new Map<string, DataAnswer>();
  const add = (messageId: string, answer: () => Omit<DataAnswer, 'messageId'>) => {
    if (!answers.has(messageId)) answers.set(messageId, { messageId, ...answer() });
  };
  for (const { result, routing, reference } of routed) {
    for (const requester of routing.toldDipReference) {
      add(derivedMessageId('dip-answer', reference, requester.requestId), () => ({ route: 'dip', response: dipReferenceAnswer(result, requester, reference, now) }));
    }
    for (const requester of routing.sentValues) {
      add(derivedMessageId('data-answer', reference, requester.requestId), () => ({ route: 'requester', response: valuesAnswer(result, requester, reference, now) }));
    }
  }
  return [...answers.values()];
}

function answerTo(requester: RequesterDto, now: Date, message: string): ServiceResponse {
  const dspScheduleId = scheduleIdIn(requester.origin);
  return {
    requestId: requester.requestId,
    userId: requester.userId,
    responseCode: SUCCESS_RESPONSE_CODE,
    outcome: 'DATA',
    message,
    respondedAt: now.toISOString(),
    ...(dspScheduleId ? { dspScheduleId } : {}),
  };
}

/** `I0`: the requester's data is on its way to the DIP, under this reference. */
function dipReferenceAnswer(result: ReadResult, requester: RequesterDto, reference: string, now: Date): ServiceResponse {
  const message = `${result.srv} data of ${result.mpan} for ${result.dataDay} (${result.outcome.toLowerCase()}) is on its way to the DIP as ${reference}`;
  return { ...answerTo(requester, now, message), dataReference: reference };
}

/** `I0` with the values: the requester's own data, which never goes to the DIP. */
function valuesAnswer(result: ReadResult, requester: RequesterDto, reference: string, now: Date): ServiceResponse {
  const message = `${result.srv} data of ${result.mpan} for ${result.dataDay} (${result.outcome.toLowerCase()}), for your own use: not sent to the DIP`;
  const outcome = result.outcome === 'PARTIAL' ? 'PARTIAL' : 'COMPLETE';
  return {
    ...answerTo(requester, now, message),
    dataReference: reference,
    values: { mpan: result.mpan, srv: result.srv, dataDay: result.dataDay, outcome, periods: result.periods, registers: result.registers },
  };
}
