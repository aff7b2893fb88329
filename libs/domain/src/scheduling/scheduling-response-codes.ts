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
  NOT_PLACED: { code: 'E44', meaning: 'The day’s plan has no slot for the scheduled read within the provider’s capacity (told when the plan is made). The read waits for a slot that frees up until its TRT; the user hears again when it is read (DATA) or when the TRT runs out (E42).' },
} as const;

/** What a user should make of an answer with each code: final refusals, a read still pending, or a failure. */
export function schedulingOutcomeOf(reason: keyof typeof SCHEDULING_RESPONSE_CODES): 'REFUSED' | 'PENDING' | 'FAILED' {
  if (reason === 'SCHEDULE_NOT_FOUND' || reason === 'NO_CAPACITY') return 'REFUSED';
  return reason === 'NOT_PLACED' ? 'PENDING' : 'FAILED';
}

export type SchedulingRefusal = keyof typeof SCHEDULING_RESPONSE_CODES;
