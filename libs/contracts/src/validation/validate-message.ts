import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Rejection, TransportReason } from './rejection';

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
  const instance = plainToInstance(messageClass, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
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
