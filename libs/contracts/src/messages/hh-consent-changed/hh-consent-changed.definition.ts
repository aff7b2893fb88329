import { defineMessage } from '../../topics/topic-definition';
import { HhConsentChanged } from './hh-consent-changed.message';

export const hhConsentChanged = defineMessage<HhConsentChanged>({
  type: 'css.hh-consent-changed',
  schemaVersion: 1,
  messageClass: HhConsentChanged,
  summary:
    'Half-hourly data consent for an MPAN from a date. HH data may be read under DOMESTIC_OPTED_IN, ' +
    'DOMESTIC_LEGACY_OPTED_IN and MICROBUSINESS; otherwise, and without a record, daily data only.',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 1 },
});
