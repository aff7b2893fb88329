import { deadLetterTopicOf, ENVELOPE_HEADERS, Topics, withTopicPrefix } from '@halfhour/contracts';
import { createIdempotentProducer, DEAD_LETTER_HEADERS, replayDeadLetters } from '@halfhour/kafka';
import { randomUUID } from 'node:crypto';
import { cliKafka } from '../stack/cli-kafka';

const FORGED_REASON = 'CHAOS_FORGED_SOURCE';

/**
 * The abuse campaign's forged dead letters: someone able to write a `.dlq` topic puts letters in
 * the registrations' one whose source header names the users topic and the authorised requests —
 * a new DCC user's keys, an authorisation access-control never gave — then an operator replays
 * that dead-letter topic. Every letter must be refused (FOREIGN_SOURCE) and none replayed
 * anywhere; throws otherwise, so the campaign fails.
 */
export async function forgeDeadLettersAndReplay(topicPrefix: string, count: number): Promise<string> {
  const kafka = cliKafka('halfhour-chaos-forger');
  const deadLetterTopic = deadLetterTopicOf(withTopicPrefix(Topics.registrations, topicPrefix).name);
  const targets = [Topics.users, Topics.authorisedRequests].map((topic) => withTopicPrefix(topic, topicPrefix).name);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: deadLetterTopic,
      messages: Array.from({ length: count }, (_, n) => ({
        key: `forged-${n}`,
        value: JSON.stringify({ forged: n }),
        headers: {
          [ENVELOPE_HEADERS.messageId]: randomUUID(), [DEAD_LETTER_HEADERS.reasonCode]: FORGED_REASON, [DEAD_LETTER_HEADERS.reason]: 'forged by the abuse campaign',
          [DEAD_LETTER_HEADERS.sourceTopic]: targets[n % targets.length],
        },
      })),
    });
  } finally {
    await producer.disconnect();
  }
  const outcome = await replayDeadLetters(kafka, { deadLetterTopic, reasonCode: FORGED_REASON, requestedBy: 'chaos-campaign', reason: 'abuse campaign: forged source headers' });
  const refused = outcome.skipped.FOREIGN_SOURCE ?? 0;
  if (outcome.replayed !== 0 || refused !== count) throw new Error(`forged dead letters: ${outcome.replayed} replayed, ${refused} of ${count} refused`);
  return `${count} forged letters naming ${targets.join(' and ')}: ${refused} refused (FOREIGN_SOURCE), 0 replayed`;
}
