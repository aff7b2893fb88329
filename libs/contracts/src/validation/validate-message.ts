import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError, ValidatorOptions } from 'class-validator';
import { compiledValidatorOf } from './compiled-validator';
import { Rejection, TransportReason } from './rejection';

/** Unknown properties and values are violations; the compiled validators mirror exactly these. */
export const CLASS_VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

/**
 * Turns an already-parsed JSON body into an instance of its message class, or a SCHEMA_VIOLATION
 * rejection that lists every broken rule by property path. Unknown properties are violations:
 * a producer that sends fields we do not know is told so, rather than silently ignored.
 */
export function validateMessage<T extends object>(messageClass: new () => T, body: unknown): ValidationOutcome<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, rejection: { reasonCode: TransportReason.SchemaViolation, message: 'body must be a JSON object' } };
  }
  // The class's rules compiled: a valid body (nearly every one) becomes an instance of its class
  // (consumers tell message types apart by class) with its properties as they are; anything else
  // gets class-validator's own verdict.
  if (compiledValidatorOf(messageClass)?.(body)) return { ok: true, value: Object.assign(new messageClass(), body) };
  let instance: T;
  let errors: ValidationError[];
  try {
    instance = plainToInstance(messageClass, body);
    errors = validateSync(instance, CLASS_VALIDATOR_OPTIONS);
  } catch (error) {
    // class-transformer throws on some hostile shapes (e.g. an object with a "constructor" key where
    // a nested object should be): a rejection like any other, never a crash of the consumer.
    return { ok: false, rejection: { reasonCode: TransportReason.SchemaViolation, message: `body cannot be read as ${messageClass.name}: ${(error as Error).message}` } };
  }
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, rejection: { reasonCode: firstReasonCode(errors), message: flatten(errors).join('; ') } };
}

/**
 * A rule can name its own reason code through class-validator's `context` (the domain validators
 * do: INVALID_MPAN, INVALID_MPID…); the first broken rule that names one gives the code.
 */
function firstReasonCode(errors: ValidationError[]): string {
  for (const error of errors) {
    for (const context of Object.values(error.contexts ?? {})) {
      if (typeof context?.reasonCode === 'string') return context.reasonCode;
    }
    const nested = firstReasonCode(error.children ?? []);
    if (nested !== TransportReason.SchemaViolation) return nested;
  }
  return TransportReason.SchemaViolation;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) => `${path}: ${text}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
