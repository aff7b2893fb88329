import { covers, DayWindow } from '../calendar/period-cover';
import { distributorIdOf } from '../identifiers/mpan-core';
import { MarketRole } from '../market/market-role';
import { MpanTimeline } from '../registration/mpan-timeline';
import { RelationshipPolicy } from './relationship-policy';

/** Why a user has no relationship with an MPAN that entitles it to the MPAN's data. */
export type RelationshipRefusal = 'NOT_APPOINTED_MDR' | 'NOT_REGISTERED_SUPPLIER' | 'NOT_AREA_DISTRIBUTOR' | 'NO_RELATIONSHIP_FOR_ROLE' | 'CONSENT_REFERENCE_REQUIRED';

export interface RelationshipQuestion {
  /** The organisation the user acts for. */
  userMpid: string;
  mpan: string;
  window: DayWindow;
  /** An Other User's reference to the consumer's consent, from the signed request. */
  consentReference?: string;
}

export type RelationshipCheck = (policy: RelationshipPolicy, timeline: MpanTimeline | undefined, question: RelationshipQuestion) => RelationshipRefusal | undefined;

const registeredSupplier: RelationshipCheck = (_policy, timeline, q) =>
  timeline && covers(timeline.suppliers.filter((s) => s.supplierMpid === q.userMpid), q.window) ? undefined : 'NOT_REGISTERED_SUPPLIER';

const noElectricityRelationship: RelationshipCheck = () => 'NO_RELATIONSHIP_FOR_ROLE';

/**
 * The one relationship each role must have with an MPAN, on every day of the data asked for. An
 * unknown MPAN fails the registry-based checks, so a user learns nothing of MPANs it has no
 * relationship with. Every role has an entry: a role added to MARKET_ROLES does not compile
 * until it has one.
 */
export const RELATIONSHIP_CHECKS: Readonly<Record<MarketRole, RelationshipCheck>> = {
  /** R-ACL-3: the MDR appointed to the MPAN on every day. */
  MDR: (_policy, timeline, q) =>
    timeline && covers(timeline.mdrAppointments.filter((a) => a.mdrMpid === q.userMpid), q.window) ? undefined : 'NOT_APPOINTED_MDR',
  IS: registeredSupplier,
  ES: registeredSupplier,
  /** The distributor of the MPAN's network: its distributor ID (fixed in the MPAN core) is in the user's area. */
  ED: (policy, _timeline, q) => (policy.distributorAreas.get(q.userMpid)?.has(distributorIdOf(q.mpan)) ? undefined : 'NOT_AREA_DISTRIBUTOR'),
  /** Gas roles have no relationship with an electricity meter. */
  GS: noElectricityRelationship,
  GT: noElectricityRelationship,
  /** Registered supplier agents act through their supplier's own requests, never for data of their own. */
  RSA: noElectricityRelationship,
  OU: (policy, _timeline, q) => {
    if (policy.otherUserHhData === 'REFUSED') return 'NO_RELATIONSHIP_FOR_ROLE';
    return q.consentReference ? undefined : 'CONSENT_REFERENCE_REQUIRED';
  },
};
