import { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { IS_EUI64, IS_ISO_DATE, IS_MPAN_CORE, IS_MPID, IS_P256_PUBLIC_KEY, IS_REQUEST_ID, IS_UTC_INSTANT } from '../validators/domain-validators';

/** JSON-schema forms of the domain validators, so the published schema carries the same rules. */
export const domainSchemaConverters: ISchemaConverters = {
  [IS_MPAN_CORE]: {
    type: 'string',
    pattern: '^[1-9][0-9]{12}$',
    description: 'MPAN core: 13 digits, distributor ID (10+) first, check digit last (R-ID-1).',
  },
  [IS_MPID]: { type: 'string', pattern: '^[A-Z]{4}$', description: 'Market Participant ID.' },
  [IS_EUI64]: { type: 'string', pattern: '^[0-9A-F]{2}(-[0-9A-F]{2}){7}$', description: 'EUI-64 device or user ID.' },
  [IS_ISO_DATE]: { type: 'string', format: 'date' },
  [IS_UTC_INSTANT]: { type: 'string', format: 'date-time', pattern: 'Z$' },
  [IS_P256_PUBLIC_KEY]: { type: 'string', description: 'SPKI PEM of an ECDSA P-256 public key; any other key type or curve is refused.' },
  [IS_REQUEST_ID]: {
    type: 'string',
    pattern: '^[0-9A-F]{2}(-[0-9A-F]{2}){7}:[0-9A-F]{2}(-[0-9A-F]{2}){7}:[0-9]{1,20}$',
    description: 'DUIS request ID originatorEUI64:targetEUI64:counter (counter < 2^64).',
  },
};
