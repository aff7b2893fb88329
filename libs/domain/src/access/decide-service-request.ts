import { addDays, CalendarDate } from '../calendar/calendar-date';
import { settlementDayOf } from '../calendar/settlement-day';
import { MarketRole } from '../market/market-role';
import { MpanTimeline } from '../registration/mpan-timeline';
import { Authentication, AuthenticationInput, AuthenticationRefusal, authenticateRequest, RequestFreshnessPolicy } from './authenticate-request';
import { AccessRefusal, DataAccessRules, decideDataAccess } from './decide-data-access';
import { DccUser, UserKey } from './dcc-user';
import { isEligible } from './eligibility-matrix';
import { RequestId } from './request-id';
import { findServiceRequestVariant, ServiceRequestVariant } from './service-request-variant';
import { DEFAULT_PURPOSE, purposeAllowed, RequestPurpose } from './request-purpose';
import { AppliedTrt, isReservedToMdr, TrtSettings, trtFor } from './trt-policy';
import { accessMessage, authenticationMessage } from './refusal-messages';
import { checkReadLogPeriod, ReadLogLimits, ReadLogPeriodRefusal } from './read-log-period';

/** A DUIS-like service request, parsed: what the access decision needs of it (R-ACL-1). */
export interface ServiceRequestToDecide {
  requestId: RequestId;
  role: MarketRole;
  serviceReference: string;
  srv: string;
  commandVariant: number;
  mpan: string;
  createdAt: Date;
  /** Log reads (4.6.x, 4.8.x, 4.17): the UTC interval [start, end) of data asked for. */
  readPeriod?: { start: Date; end: Date };
  /** 5.1 Create Schedule: the SRV to run and the first settlement day it reads. */
  schedule?: { srv: string; startDate: CalendarDate };
  /** What the data is for (the request's version 2); MHHS when not said. */
  purpose?: RequestPurpose;
  /** An Other User's reference to the consumer's consent, where the relationship policy asks for one. */
  consentReference?: string;
}

/** Refusals about the request itself rather than its user or the registry. */
export const REQUEST_REFUSALS = ['COMMAND_VARIANT_NOT_ALLOWED', 'INVALID_REQUEST_BODY', 'RESERVED_TO_MDR', 'PURPOSE_NOT_FOR_ROLE', 'PERIOD_IN_FUTURE', 'PERIOD_TOO_LONG'] as const;
export type RequestRefusal = (typeof REQUEST_REFUSALS)[number];

export type ServiceRequestRefusal = AuthenticationRefusal | RequestRefusal | AccessRefusal;

export interface AuthorisedRequest {
  authorised: true;
  keyId: string;
  /** The SRV that reads the meter: the request's own, or the one a 5.1 schedules. */
  dataSrv: string;
  mode: 'ON_DEMAND' | 'SCHEDULED' | 'SCHEDULE_MANAGEMENT';
  /** The settlement days of data covered, [from, to); for a 5.1, its first day. */
  days?: { from: CalendarDate; to: CalendarDate };
  trt?: AppliedTrt;
  purpose: RequestPurpose;
}

export type ServiceRequestDecision =
  | AuthorisedRequest
  /** `authenticated`: the request was genuinely the user's, so its counter is now spent. */
  | { authorised: false; reason: ServiceRequestRefusal; authenticated: boolean; message: string };

export interface AccessPolicy extends DataAccessRules {
  trt: TrtSettings;
  freshness: RequestFreshnessPolicy;
  readLog: ReadLogLimits;
}

export interface DecisionContext {
  user: DccUser | undefined;
  lastAcceptedCounter: bigint | undefined;
  timeline: MpanTimeline | undefined;
  verifiesWith: (key: UserKey) => boolean;
  now: Date;
}

/**
 * The whole decision on one service request: who sent it (authenticateRequest), whether the request
 * is well formed for its SRV, the TRT policy, and whether the registry lets this user have this
 * data (decideDataAccess). The first refusal is the answer.
 */
export function decideServiceRequest(policy: AccessPolicy, request: ServiceRequestToDecide, context: DecisionContext): ServiceRequestDecision {
  const authentication: Authentication = authenticateRequest(
    { ...context, requestId: request.requestId, role: request.role, createdAt: request.createdAt } satisfies AuthenticationInput,
    policy.freshness,
  );
  if (!authentication.authenticated) return refuse(authentication.reason, false, authenticationMessage(authentication.reason, request));
  const refuseAuthenticated = (reason: ServiceRequestRefusal, message: string) => refuse(reason, true, message);

  const variant = findServiceRequestVariant(request.srv);
  if (!variant || !isVariantOf(request.srv, request.serviceReference)) {
    return refuseAuthenticated('UNKNOWN_SRV', `${request.serviceReference} / ${request.srv} is not a service request variant Halfhour decides`);
  }
  if (!variant.commandVariants.includes(request.commandVariant)) {
    return refuseAuthenticated('COMMAND_VARIANT_NOT_ALLOWED', `SRV ${request.srv} takes command variant ${variant.commandVariants.join(' or ')}, not ${request.commandVariant}`);
  }
  const target = dataTargetOf(request, variant, context.now, policy.readLog);
  if ('invalid' in target) return refuseAuthenticated(target.reason ?? 'INVALID_REQUEST_BODY', target.invalid);

  const userMpid = context.user!.mpid;
  if (!isEligible(policy.matrix, request.role, request.srv)) {
    return refuseAuthenticated('ROLE_NOT_ELIGIBLE', `the ${request.role} role may not send SRV ${request.srv} (matrix ${policy.matrix.version})`);
  }
  const purpose = request.purpose ?? DEFAULT_PURPOSE;
  if (!purposeAllowed(request.role, purpose)) {
    return refuseAuthenticated('PURPOSE_NOT_FOR_ROLE', `the ${request.role} role retrieves data for MHHS settlement only, not for ${purpose}`);
  }
  if (!target.days) return { authorised: true, keyId: authentication.keyId, dataSrv: request.srv, mode: 'SCHEDULE_MANAGEMENT', purpose };

  if (isReservedToMdr(policy.trt, request.role, target.variant)) {
    return refuseAuthenticated('RESERVED_TO_MDR', `under the ${policy.trt.policy} policy HH profile data is retrieved through the MDR role only`);
  }
  const access = decideDataAccess(policy, context.timeline, {
    role: request.role,
    userMpid,
    mpan: request.mpan,
    srv: target.variant.srv,
    ...target.days,
    deviceId: request.requestId.target,
    ...(request.consentReference === undefined ? {} : { consentReference: request.consentReference }),
  });
  if (!access.authorised) return refuseAuthenticated(access.reason, accessMessage(access.reason, request, userMpid, target.days));
  return {
    authorised: true,
    keyId: authentication.keyId,
    dataSrv: target.variant.srv,
    mode: target.mode,
    days: target.days,
    trt: trtFor(policy.trt, request.role, target.variant, target.mode),
    purpose,
  };
}

type DataTarget =
  | { variant: ServiceRequestVariant; mode: 'ON_DEMAND' | 'SCHEDULED'; days: { from: CalendarDate; to: CalendarDate } }
  | { variant: ServiceRequestVariant; days?: undefined }
  | { invalid: string; reason?: ReadLogPeriodRefusal };

/** What data a request reads, and over which settlement days. */
function dataTargetOf(request: ServiceRequestToDecide, variant: ServiceRequestVariant, now: Date, readLog: ReadLogLimits): DataTarget {
  switch (variant.dataKind) {
    case 'REGISTERS': {
      const today = settlementDayOf(now);
      return { variant, mode: 'ON_DEMAND', days: { from: today, to: addDays(today, 1) } };
    }
    case 'SCHEDULE': {
      if (variant.srv !== '5.1') return { variant };
      if (!request.schedule) return { invalid: '5.1 Create Schedule needs a schedule' };
      const scheduled = findServiceRequestVariant(request.schedule.srv);
      if (!scheduled || scheduled.dataKind === 'SCHEDULE') return { invalid: `a schedule cannot run SRV ${request.schedule.srv}` };
      const from = request.schedule.startDate;
      return { variant: scheduled, mode: 'SCHEDULED', days: { from, to: addDays(from, 1) } };
    }
    default: {
      const period = request.readPeriod;
      if (!period) return { invalid: `SRV ${variant.srv} needs a read log period` };
      const checked = checkReadLogPeriod(period, now, readLog);
      if ('reason' in checked) return { invalid: checked.message, reason: checked.reason };
      return { variant, mode: 'ON_DEMAND', days: checked.days };
    }
  }
}

function isVariantOf(srv: string, serviceReference: string): boolean {
  return srv === serviceReference || srv.startsWith(`${serviceReference}.`);
}

function refuse(reason: ServiceRequestRefusal, authenticated: boolean, message: string): ServiceRequestDecision {
  return { authorised: false, reason, authenticated, message };
}
