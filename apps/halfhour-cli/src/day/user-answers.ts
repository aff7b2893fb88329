import { ENVELOPE_HEADERS, ServiceResponse } from '@halfhour/contracts';
import { TopicRecord } from './topic-reader';

/** The answers on the user-responses topic as a user reads them, and how many it dropped as repeats. */
export interface UserAnswers {
  answers: ServiceResponse[];
  /**
   * Answers published again under a message ID already seen: a producer sending again what a
   * crash kept it from recording as sent (an outbox between publishing and marking, the forwarder
   * between publishing and committing the result it answers). The contract tells consumers to drop
   * them by that ID.
   */
  repeatsDropped: number;
}

/**
 * Reads the topic as the contract asks a consumer to: a message whose `hh-message-id` was seen
 * before is the same answer delivered again, not a second answer, so it is dropped. A message
 * without the header counts as its own answer (it cannot be told apart, so the check sees it).
 */
export function userAnswersOf(records: readonly TopicRecord[]): UserAnswers {
  const seen = new Set<string>();
  const answers: ServiceResponse[] = [];
  let repeatsDropped = 0;
  for (const record of records) {
    if (!record.value) continue;
    const messageId = record.headers[ENVELOPE_HEADERS.messageId];
    if (messageId !== undefined) {
      if (seen.has(messageId)) {
        repeatsDropped += 1;
        continue;
      }
      seen.add(messageId);
    }
    answers.push(JSON.parse(record.value.toString()) as ServiceResponse);
  }
  return { answers, repeatsDropped };
}
