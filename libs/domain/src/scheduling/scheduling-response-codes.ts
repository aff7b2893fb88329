import { REFUSAL_RESPONSE_CODES } from '../access/response-codes';

/**
 * Codes the scheduler answers users with (R-DIP-3), in the same DUIS-style numbering as
 * access-control's (E4x: scheduling and delivery). `I0` acknowledges a schedule created, read or
 * deleted.
 */
export const SCHEDULING_RESPONSE_CODES = {
  SCHEDULE_NOT_FOUND: { code: 'E40', meaning: 'No schedule of this user has that DSPScheduleID (5.2 / 5.3).' },
  ENTITLEMENT_ENDED: { code: 'E41', meaning: 'The user is no longer entitled to the data (e.g. past the MDR’s ETD); the schedule has stopped.' },
  TRT_MISSED: { code: 'E42', meaning: 'The data could not be read before the TRT ran out, backstops included.' },
  /** The same code access-control refuses such a request with: the same reason, told when the schedule runs. */
  RESERVED_TO_MDR: { code: REFUSAL_RESPONSE_CODES.RESERVED_TO_MDR.code, meaning: 'The TRT policy in force (MDR_ONLY) reserves HH profile retrieval to the MDR role; the schedule has stopped.' },
  NO_CAPACITY: { code: 'E43', meaning: 'The provider has no capacity left to read the data within its TRT; the read is not kept (told at once, not at the deadline).' },
} as const;

export type SchedulingRefusal = keyof typeof SCHEDULING_RESPONSE_CODES;
