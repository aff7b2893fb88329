import { deviceCommissioned } from '../messages/device-commissioned/device-commissioned.definition';
import { deviceDecommissioned } from '../messages/device-decommissioned/device-decommissioned.definition';
import { hhConsentChanged } from '../messages/hh-consent-changed/hh-consent-changed.definition';
import { marketParticipantUpdated } from '../messages/market-participant-updated/market-participant-updated.definition';
import { mdrAppointed } from '../messages/mdr-appointed/mdr-appointed.definition';
import { mdrAppointmentAmended } from '../messages/mdr-appointment-amended/mdr-appointment-amended.definition';
import { mdrAppointmentTerminated } from '../messages/mdr-appointment-terminated/mdr-appointment-terminated.definition';
import { mpanTimelineUpdated } from '../messages/mpan-timeline-updated/mpan-timeline-updated.definition';
import { supplierRegistered } from '../messages/supplier-registered/supplier-registered.definition';
import { defineTopic, TopicDefinition } from './topic-definition';

/**
 * Every topic Halfhour uses. Services, topic provisioning and docs/asyncapi.yaml all read this
 * registry; a topic exists nowhere else.
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
  registrations: defineTopic({
    name: 'css.registrations.1',
    description:
      'Registration events per MPAN from CSS and suppliers: MDR appointments, their amendments and terminations, ' +
      'supplier registrations (Change of Supplier), and half-hourly data consent. Keyed by MPAN core, so one ' +
      'partition holds an MPAN\'s history in order. Effective dates decide the timeline; `sequence` breaks ties.',
    direction: 'inbound',
    key: { name: 'mpan', description: 'The 13-digit MPAN core the event is about.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 14 * 24 * 60 * 60 * 1000,
    messages: [mdrAppointed, mdrAppointmentAmended, mdrAppointmentTerminated, supplierRegistered, hhConsentChanged],
  }),
  deviceInventory: defineTopic({
    name: 'dcc.device-inventory.1',
    description: 'Device inventory per MPAN: electricity meters commissioned and decommissioned, their SMETS generation and provider.',
    direction: 'inbound',
    key: { name: 'mpan', description: 'The 13-digit MPAN core the device serves.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 14 * 24 * 60 * 60 * 1000,
    messages: [deviceCommissioned, deviceDecommissioned],
  }),
  mpanTimelines: defineTopic({
    name: 'registration.mpan-timelines.1',
    description:
      'The resolved timeline of each MPAN, published by registration-intake after every durable change. ' +
      'Compacted: the latest timeline per MPAN; read it from the start to build a local view.',
    direction: 'internal',
    key: { name: 'mpan', description: 'The 13-digit MPAN core.' },
    partitions: 12,
    cleanupPolicy: 'compact',
    messages: [mpanTimelineUpdated],
  }),
} as const satisfies Record<string, TopicDefinition<any>>;

export const ALL_TOPICS: readonly TopicDefinition<any>[] = Object.values(Topics);
