import { AUTHENTICATION_REFUSALS } from './authenticate-request';
import { ACCESS_REFUSALS } from './decide-data-access';
import { REQUEST_REFUSALS, ServiceRequestRefusal } from './decide-service-request';

/** DUIS's success code: the request was accepted (and, for data, answered). */
export const SUCCESS_RESPONSE_CODE = 'I0';

/**
 * DUIS-style `E…` response codes for every refusal (R-DIP-3). The DCC's MHHS codes are not public,
 * so this numbering is Halfhour's own: E1x the user and signature, E2x the request, E3x the
 * registry. docs/access-control.md lists them; a unit test keeps that table equal to this one.
 */
export const REFUSAL_RESPONSE_CODES: Readonly<Record<ServiceRequestRefusal, { code: string; meaning: string }>> = {
  UNKNOWN_USER: { code: 'E10', meaning: 'The originator in the request ID is not a registered DCC user.' },
  ROLE_NOT_HELD: { code: 'E11', meaning: 'The user does not hold the role the request is sent in.' },
  NO_VALID_KEY: { code: 'E12', meaning: 'The user has no key for the role that is valid and unrevoked at the time of decision.' },
  SIGNATURE_INVALID: { code: 'E13', meaning: 'The signature is missing, malformed, or does not verify (forged or altered request).' },
  REQUEST_EXPIRED: { code: 'E14', meaning: 'The request is older than the accepted age, or dated in the future beyond the allowed clock skew.' },
  REPLAYED_COUNTER: { code: 'E15', meaning: 'The request ID counter is not above the last counter accepted from the user (replay).' },
  UNKNOWN_SRV: { code: 'E20', meaning: 'The service reference variant is unknown or does not belong to the service reference.' },
  ROLE_NOT_ELIGIBLE: { code: 'E21', meaning: 'The role may not send this SRV (role × SRV eligibility matrix).' },
  COMMAND_VARIANT_NOT_ALLOWED: { code: 'E22', meaning: 'The command variant is not one this SRV accepts.' },
  INVALID_REQUEST_BODY: { code: 'E23', meaning: 'The body lacks what the SRV needs (read log period, schedule) or is inconsistent.' },
  INVALID_PERIOD: { code: 'E24', meaning: 'The period of data requested is empty.' },
  RESERVED_TO_MDR: { code: 'E25', meaning: 'The TRT policy in force (MDR_ONLY) reserves HH profile retrieval to the MDR role.' },
  PERIOD_IN_FUTURE: { code: 'E27', meaning: 'The read log period ends after the time of decision: only data already recorded can be read.' },
  PERIOD_TOO_LONG: { code: 'E28', meaning: 'The read log period is longer than a request may ask for (READ_LOG_MAX_DAYS, thirteen months by default).' },
  CONSENT_REFERENCE_REQUIRED: { code: 'E29', meaning: 'An Other User’s request for HH data carries no consent reference, which the relationship policy in force requires.' },
  PURPOSE_NOT_FOR_ROLE: { code: 'E26', meaning: 'The request’s purpose is not one its role may have (the MDR retrieves data for MHHS only, never BAU).' },
  UNKNOWN_MPAN: { code: 'E30', meaning: 'The MPAN is not in the registry as known at the time of decision.' },
  NOT_APPOINTED_MDR: { code: 'E31', meaning: 'The user is not the appointed MDR of the MPAN on every day of data requested.' },
  NOT_REGISTERED_SUPPLIER: { code: 'E32', meaning: 'The user is not the registered supplier of the MPAN on every day of data requested.' },
  NOT_AREA_DISTRIBUTOR: { code: 'E38', meaning: 'The Electricity Distributor’s areas (its distributor IDs) do not include the MPAN’s distributor.' },
  NO_RELATIONSHIP_FOR_ROLE: { code: 'E39', meaning: 'The role has no relationship with electricity meters that entitles it to this data (gas roles; Other Users where policy refuses).' },
  NO_DEVICE: { code: 'E33', meaning: 'The MPAN has no commissioned meter on every day of data requested.' },
  TARGET_NOT_MPAN_DEVICE: { code: 'E34', meaning: 'The target device in the request ID is not the MPAN’s meter over the period.' },
  WRONG_ENERGY_DIRECTION: { code: 'E35', meaning: 'An import SRV on an export MPAN, or the reverse.' },
  NOT_AVAILABLE_ON_SMETS2: { code: 'E36', meaning: 'REQ-1: 4.1.1 is not available to the MDR on SMETS2 meters.' },
  HH_CONSENT_REFUSED: { code: 'E37', meaning: 'HH data consent does not permit profile data on every day requested; daily reads remain available.' },
};

export const ALL_REFUSALS: readonly ServiceRequestRefusal[] = [...AUTHENTICATION_REFUSALS, ...REQUEST_REFUSALS, ...ACCESS_REFUSALS];
