import { createHash } from 'node:crypto';

/**
 * The policy behind the relationship each role must have with an MPAN, as data: which distribution
 * areas each Electricity Distributor serves, and whether Other Users may have HH data at all.
 * `version` names the policy in every decision's audit record.
 */
export interface RelationshipPolicy {
  version: string;
  /** Electricity Distributors' MPIDs → the distributor IDs (an MPAN's first two digits) they serve. */
  distributorAreas: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Other Users and HH profile data: REFUSED, or allowed only with a consent reference in the
   * signed request (the user's record of the consumer's consent, kept in the audit).
   */
  otherUserHhData: OtherUserHhPolicy;
}

export const OTHER_USER_HH_POLICIES = ['REFUSED', 'WITH_CONSENT_REFERENCE'] as const;
export type OtherUserHhPolicy = (typeof OTHER_USER_HH_POLICIES)[number];

/** The fourteen public distribution networks of Market Domain Data; IDNOs are added by configuration. */
export const PUBLIC_DISTRIBUTOR_AREAS = 'EELC=10;EMEB=11;LOND=12;MANW=13;MIDE=14;NEEB=15;NORW=16;HYDE=17;SPOW=18;SEEB=19;SOUT=20;SWAE=21;SWEB=22;YELG=23';

const ENTRY = /^([A-Z0-9]{4})=(\d{2}(?:,\d{2})*)$/;

/**
 * Reads `MPID=ID[,ID…]` entries separated by `;` (e.g. `EELC=10;IDNO=24,28`). Throws a RangeError
 * naming the first entry it cannot read, so a service refuses to start on a bad table.
 */
export function parseDistributorAreas(text: string): ReadonlyMap<string, ReadonlySet<string>> {
  const areas = new Map<string, Set<string>>();
  for (const entry of text.split(';').map((e) => e.trim()).filter((e) => e !== '')) {
    const match = ENTRY.exec(entry);
    if (!match) throw new RangeError(`distributor area "${entry}" is not MPID=ID[,ID…] (four-character MPID, two-digit distributor IDs)`);
    const ids = areas.get(match[1]) ?? new Set<string>();
    for (const id of match[2].split(',')) ids.add(id);
    areas.set(match[1], ids);
  }
  return areas;
}

/**
 * The policy, named by a short version every decision's audit row keeps: the areas table by a
 * digest of its canonical text (the table itself is in the deployment's ConfigMap, under version
 * control), so 30 million decisions a day do not each carry the whole table.
 */
export function buildRelationshipPolicy(distributorAreas = PUBLIC_DISTRIBUTOR_AREAS, otherUserHhData: OtherUserHhPolicy = 'REFUSED'): RelationshipPolicy {
  const areas = parseDistributorAreas(distributorAreas);
  const table = [...areas].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mpid, ids]) => `${mpid}=${[...ids].sort().join(',')}`).join(';');
  const digest = createHash('sha256').update(table, 'utf8').digest('hex').slice(0, 12);
  return { version: `areas:${digest}|ou:${otherUserHhData}`, distributorAreas: areas, otherUserHhData };
}

export const DEFAULT_RELATIONSHIP_POLICY: RelationshipPolicy = buildRelationshipPolicy();
