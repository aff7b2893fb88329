import { defineMessage } from '../../topics/topic-definition';
import { MarketParticipantUpdated } from './market-participant-updated.message';

export const marketParticipantUpdated = defineMessage<MarketParticipantUpdated>({
  type: 'css.market-participant-updated',
  schemaVersion: 1,
  messageClass: MarketParticipantUpdated,
  summary: 'A market participant and the market roles it holds, from a date.',
  keyOf: (message) => message.mpid,
  example: {
    mpid: 'MDRA',
    name: 'Example Meter Data Retrieval Agent Ltd',
    roles: ['MDR'],
    effectiveFrom: '2026-04-01',
  },
});
