import { CalendarDate } from '../calendar/calendar-date';
import { AuthenticationRefusal } from './authenticate-request';
import { AccessRefusal } from './decide-data-access';
import type { ServiceRequestToDecide } from './decide-service-request';

/** What a refused user is told, in words, for each refusal the decision can give. */
export function authenticationMessage(reason: AuthenticationRefusal, request: ServiceRequestToDecide): string {
  const user = request.requestId.originator;
  switch (reason) {
    case 'UNKNOWN_USER':
      return `${user} is not a registered DCC user`;
    case 'ROLE_NOT_HELD':
      return `${user} does not hold the ${request.role} role`;
    case 'NO_VALID_KEY':
      return `${user} has no key for the ${request.role} role that is valid and not revoked now`;
    case 'SIGNATURE_INVALID':
      return 'the signature does not verify with any of the user’s keys for the role';
    case 'REQUEST_EXPIRED':
      return `the request was created at ${request.createdAt.toISOString()}, outside the accepted age`;
    case 'REPLAYED_COUNTER':
      return `counter ${request.requestId.counter} is not above the last counter accepted from ${user}`;
  }
}

/**
 * Refusal wording names only what the user sent and its own relationship: never a meter's EUI-64,
 * and never, to a user with no relationship with the MPAN, whether the MPAN exists.
 */
export function accessMessage(reason: AccessRefusal, request: ServiceRequestToDecide, userMpid: string, days: { from: CalendarDate; to: CalendarDate }): string {
  const span = `${days.from} to ${days.to} (exclusive)`;
  switch (reason) {
    case 'NOT_APPOINTED_MDR':
      return `${userMpid} is not the appointed MDR of ${request.mpan} on every day from ${span}`;
    case 'NOT_REGISTERED_SUPPLIER':
      return `${userMpid} is not the registered supplier of ${request.mpan} on every day from ${span}`;
    case 'NOT_AREA_DISTRIBUTOR':
      return `${request.mpan} is not in a distribution area of ${userMpid}`;
    case 'NO_RELATIONSHIP_FOR_ROLE':
      return `the ${request.role} role has no relationship with electricity meters that entitles it to SRV ${request.srv} data`;
    case 'CONSENT_REFERENCE_REQUIRED':
      return 'an Other User’s request for HH data must carry the consumer’s consent reference (body.consentReference)';
    case 'UNKNOWN_MPAN':
      return `${request.mpan} is not in the registry`;
    case 'NO_DEVICE':
      return `${request.mpan} has no commissioned meter on every day from ${span}`;
    case 'TARGET_NOT_MPAN_DEVICE':
      return `${request.requestId.target} is not the meter of ${request.mpan} on every day from ${span}`;
    case 'WRONG_ENERGY_DIRECTION':
      return `SRV ${request.srv} does not apply to the energy direction of ${request.mpan}`;
    case 'NOT_AVAILABLE_ON_SMETS2':
      return 'REQ-1: 4.1.1 is not available to the MDR on SMETS2 meters; use the daily read log (4.6.1)';
    case 'HH_CONSENT_REFUSED':
      return `HH data consent for ${request.mpan} does not permit profile data on every day from ${span}; daily reads remain available`;
    case 'INVALID_PERIOD':
      return 'the period of data is empty';
    case 'UNKNOWN_SRV':
    case 'ROLE_NOT_ELIGIBLE':
      return `SRV ${request.srv} is not available to the ${request.role} role`;
  }
}
