import { deviceCommissioned } from '../messages/device-commissioned/device-commissioned.definition';
import { deviceDecommissioned } from '../messages/device-decommissioned/device-decommissioned.definition';
import { hhConsentChanged } from '../messages/hh-consent-changed/hh-consent-changed.definition';
import { marketParticipantUpdated } from '../messages/market-participant-updated/market-participant-updated.definition';
import { mdrAppointed } from '../messages/mdr-appointed/mdr-appointed.definition';
import { mdrAppointmentAmended } from '../messages/mdr-appointment-amended/mdr-appointment-amended.definition';
import { mdrAppointmentTerminated } from '../messages/mdr-appointment-terminated/mdr-appointment-terminated.definition';
import { mpanTimelineUpdated } from '../messages/mpan-timeline-updated/mpan-timeline-updated.definition';
import { supplierRegistered } from '../messages/supplier-registered/supplier-registered.definition';
import { dccUserDeleted } from '../messages/dcc-user-deleted/dcc-user-deleted.definition';
import { dccUserUpdated } from '../messages/dcc-user-updated/dcc-user-updated.definition';
import { requestAuthorised } from '../messages/request-authorised/request-authorised.definition';
import { serviceRequest, serviceRequestV2 } from '../messages/service-request/service-request.definition';
import { serviceResponse } from '../messages/service-response/service-response.definition';
import { readCommand } from '../messages/read-command/read-command.definition';
import { readResult } from '../messages/read-result/read-result.definition';
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
  users: defineTopic({
    name: 'dcc.users.1',
    description:
      'The DCC user registry: each user ID with its organisation (MPID), roles and signing keys, including validity ' +
      'and revocation. Compacted: the latest record per user ID; a tombstone (the user ID with no value) deletes the user, ' +
      'whose keys then verify nothing.',
    direction: 'inbound',
    key: { name: 'userId', description: 'The EUI-64 user ID.' },
    partitions: 3,
    cleanupPolicy: 'compact',
    messages: [dccUserUpdated, dccUserDeleted],
    tombstone: { message: dccUserDeleted, bodyOf: (userId) => ({ userId }) },
  }),
  serviceRequests: defineTopic({
    name: 'dcc.service-requests.1',
    description:
      'Signed service requests from DCC users. Keyed by the originating user ID, so one user\'s requests stay in ' +
      'order on one partition and the anti-replay counter is checked in the order they were sent. Version 2 ' +
      '(hh-schema-version 2) adds a signed `purpose`, MHHS or BAU (REQ-3); version 1 keeps working and means MHHS.',
    direction: 'inbound',
    key: { name: 'userId', description: 'The originator EUI-64 of the request ID.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 7 * 24 * 60 * 60 * 1000,
    messages: [serviceRequest, serviceRequestV2],
  }),
  authorisedRequests: defineTopic({
    name: 'access.authorised-requests.1',
    description: 'Service requests access-control authorised, with the TRT that applies, for the scheduler. Keyed by MPAN.',
    direction: 'internal',
    key: { name: 'mpan', description: 'The 13-digit MPAN core.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 7 * 24 * 60 * 60 * 1000,
    messages: [requestAuthorised],
  }),
  userResponses: defineTopic({
    name: 'dcc.user-responses.1',
    description:
      'Responses to users: refusals with DUIS-style E codes from access-control, and data (I0) or failures from ' +
      'delivery. Keyed by user ID; each user reads the messages of its own key.',
    direction: 'outbound',
    key: { name: 'userId', description: 'The EUI-64 user ID the response is for.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 7 * 24 * 60 * 60 * 1000,
    messages: [serviceResponse],
  }),
  smets1Commands: defineTopic({
    name: 'device.commands.smets1.1',
    description: 'Read commands for SMETS1 meters, for adapter-smets1 (through the S1SPs). Keyed by device ID.',
    direction: 'internal',
    key: { name: 'deviceId', description: 'The EUI-64 of the meter.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 3 * 24 * 60 * 60 * 1000,
    messages: [readCommand],
  }),
  smets2Commands: defineTopic({
    name: 'device.commands.smets2.1',
    description: 'Read commands for SMETS2 meters, for adapter-smets2 (through the CSP of the region). Keyed by device ID.',
    direction: 'internal',
    key: { name: 'deviceId', description: 'The EUI-64 of the meter.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 3 * 24 * 60 * 60 * 1000,
    messages: [readCommand],
  }),
  readResults: defineTopic({
    name: 'device.read-results.1',
    description:
      'Normalised results of read commands from both adapters: per UTC half hour a value and quality, or why the read failed. ' +
      'The scheduler records outcomes from it; the dip-forwarder delivers the data.',
    direction: 'internal',
    key: { name: 'deviceId', description: 'The EUI-64 of the meter.' },
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: 7 * 24 * 60 * 60 * 1000,
    messages: [readResult],
  }),
} as const satisfies Record<string, TopicDefinition<any>>;

export const ALL_TOPICS: readonly TopicDefinition<any>[] = Object.values(Topics);
