import { findMpanCoreProblem, isCalendarDate, isP256PublicKeyPem, isUtcInstant, isValidEui64, isValidMpid, parseRequestId } from '@halfhour/domain';
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { ValidationReason } from '../validation/rejection';

/** Puts the rule's reason code in class-validator's context unless the caller gives another. */
function withReason(reasonCode: string, options?: ValidationOptions): ValidationOptions {
  return { ...options, context: { reasonCode, ...options?.context } };
}

/**
 * class-validator decorators for the domain's identifiers. Each name is also a JSON-schema
 * converter key in asyncapi/schema-converters.ts, so the published schema says the same thing.
 */
export const IS_MPAN_CORE = 'isMpanCore';
export const IS_MPID = 'isMpid';
export const IS_EUI64 = 'isEui64';
export const IS_ISO_DATE = 'isIsoDate';
export const IS_UTC_INSTANT = 'isUtcInstant';
export const IS_REQUEST_ID = 'isRequestId';
export const IS_P256_PUBLIC_KEY = 'isP256PublicKey';

export function IsMpanCore(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_MPAN_CORE,
      validator: {
        validate: (value) => typeof value === 'string' && findMpanCoreProblem(value) === undefined,
        defaultMessage: (args) =>
          `must be a valid 13-digit MPAN core (${typeof args?.value === 'string' ? findMpanCoreProblem(args.value) : 'NOT_A_STRING'})`,
      },
    },
    withReason(ValidationReason.InvalidMpan, options),
  );
}

export function IsMpid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_MPID,
      validator: {
        validate: (value) => typeof value === 'string' && isValidMpid(value),
        defaultMessage: () => 'must be a Market Participant ID: four upper-case letters',
      },
    },
    withReason(ValidationReason.InvalidMpid, options),
  );
}

export function IsEui64(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_EUI64,
      validator: {
        validate: (value) => typeof value === 'string' && isValidEui64(value),
        defaultMessage: () => 'must be an EUI-64 written as eight upper-case hex pairs, e.g. 00-DB-12-34-56-78-90-A0',
      },
    },
    withReason(ValidationReason.InvalidDeviceId, options),
  );
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_ISO_DATE,
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => 'must be a calendar date YYYY-MM-DD',
      },
    },
    withReason(ValidationReason.InvalidDate, options),
  );
}

export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_UTC_INSTANT,
      validator: {
        validate: (value) => isUtcInstant(value),
        defaultMessage: () => 'must be an ISO 8601 UTC instant ending in Z, e.g. 2026-11-28T00:30:00Z',
      },
    },
    withReason(ValidationReason.InvalidDate, options),
  );
}

/** An end date after the start date in the same message: `to` is exclusive, so equal is wrong too. */
export const IS_AFTER_DATE = 'isAfterDate';

export function IsAfterDate(startProperty: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_AFTER_DATE,
      constraints: [startProperty],
      validator: {
        validate: (value, args?: ValidationArguments) => {
          const start = (args?.object as Record<string, unknown>)[startProperty];
          return typeof value === 'string' && typeof start === 'string' && value > start;
        },
        defaultMessage: (args) => `must be after ${args?.constraints[0]} (the end date is exclusive)`,
      },
    },
    withReason(ValidationReason.DatesOutOfOrder, options),
  );
}

export function IsRequestId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_REQUEST_ID,
      validator: {
        validate: (value) => typeof value === 'string' && parseRequestId(value) !== undefined,
        defaultMessage: () => 'must be a DUIS request ID originatorEUI64:targetEUI64:counter, the counter at most 2^64 - 1',
      },
    },
    withReason(ValidationReason.InvalidRequestId, options),
  );
}

/** An SPKI PEM public key for ECDSA on P-256: the only key a DCC user may sign with. */
export function IsP256PublicKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_P256_PUBLIC_KEY,
      validator: {
        validate: (value) => isP256PublicKeyPem(value),
        defaultMessage: () => 'must be the SPKI PEM of an ECDSA P-256 public key (no other key type or curve is accepted)',
      },
    },
    withReason(ValidationReason.UnacceptedKeyType, options),
  );
}
