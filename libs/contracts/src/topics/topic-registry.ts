import { marketParticipantUpdated } from '../messages/market-participant-updated/market-participant-updated.definition';
import { defineTopic, TopicDefinition } from './topic-definition';

/**
 * Every topic Halfhour uses. Services, topic provisioning and docs/asyncapi.yaml all read this
 * registry; a topic exists nowhere else. Later issues add the registration, access, device and
 * DIP topics here.
 */
export const Topics = {
  marketParticipants: defineTopic({
    name: 'css.market-participants.1',
    description:
      'Industry standing data from the registration side: market participants (MPIDs) and their market roles. ' +
      'Compacted: the latest state per MPID.',
    direction: 'inbound',
    key: { name: 'mpid', description: 'The Market Participant ID the message is about.' },
    partitions: 3,
    cleanupPolicy: 'compact',
    messages: [marketParticipantUpdated],
  }),
} as const satisfies Record<string, TopicDefinition<any>>;

export const ALL_TOPICS: readonly TopicDefinition<any>[] = Object.values(Topics);
