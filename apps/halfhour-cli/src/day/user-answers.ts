import { ENVELOPE_HEADERS, ServiceResponse } from '@halfhour/contracts';
import { TopicRecord } from './topic-reader';

/**
 * What an answer says, as the checks compare it: `DATA` (where settlement data went), `VALUES`
 * (the data itself, a read of the user's own), or the response code of any other answer.
 */
export function answerCodeOf(response: Pick<ServiceResponse, 'outcome' | 'responseCode' | 'values'>): string {
  if (response.outcome === 'DATA') return response.values ? 'VALUES' : 'DATA';
  return response.responseCode;
}

/** The answers on the user-responses topic as a user reads them, and how many it dropped as repeats. */
export interface UserAnswers {
  /** Each request's answers, by request ID, as their codes (`answerCodeOf`) in the order read: a national day's are too many to keep whole. */
  codesByRequest: Map<string, string[]>;
  /**
   * Answers published again under a message ID already seen: a producer sending again what a
   * crash kept it from recording as sent (an outbox between publishing and marking, the forwarder
   * between publishing and committing the result it answers). The contract tells consumers to drop
   * them by that ID.
   */
  repeatsDropped: number;
}

/**
 * Reads the topic as the contract asks a consumer to, a record at a time: a message whose
 * `hh-message-id` was seen before is the same answer delivered again, not a second answer, so it is
 * dropped. A message without the header counts as its own answer (it cannot be told apart, so the
 * check sees it).
 */
export class UserAnswerReader {
  private readonly seen = new Set<string>();
  private readonly answers: UserAnswers = { codesByRequest: new Map(), repeatsDropped: 0 };

  read(record: TopicRecord): void {
    if (!record.value) return;
    const messageId = record.headers[ENVELOPE_HEADERS.messageId];
    if (messageId !== undefined) {
      if (this.seen.has(messageId)) {
        this.answers.repeatsDropped += 1;
        return;
      }
      this.seen.add(messageId);
    }
    const response = JSON.parse(record.value.toString()) as ServiceResponse;
    const codes = this.answers.codesByRequest.get(response.requestId);
    if (codes) codes.push(answerCodeOf(response));
    else this.answers.codesByRequest.set(response.requestId, [answerCodeOf(response)]);
  }

  get result(): UserAnswers {
    return this.answers;
  }
}

/** Every answer's code but success's (`I0`, with or without data), one per answer. */
export function* refusalCodesOf(answers: UserAnswers): Generator<string> {
  for (const codes of answers.codesByRequest.values()) for (const code of codes) if (code !== 'I0' && code !== 'DATA' && code !== 'VALUES') yield code;
}

export function userAnswersOf(records: Iterable<TopicRecord>): UserAnswers {
  const reader = new UserAnswerReader();
  for (const record of records) reader.read(record);
  return reader.result;
}
