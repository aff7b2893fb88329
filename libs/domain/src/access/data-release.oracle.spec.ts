import fc from 'fast-check';
import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MARKET_ROLES, MarketRole } from '../market/market-role';
import { HhConsentStatus, HH_CONSENT_STATUSES } from '../registration/hh-consent';
import { MpanTimeline } from '../registration/mpan-timeline';
import { DataAccessRequest, DataAccessRules, decideDataAccess } from './decide-data-access';
import { buildEligibilityMatrix } from './eligibility-matrix';
import { buildRelationshipPolicy, OtherUserHhPolicy } from './relationship-policy';
import { RELATIONSHIP_CHECKS, RelationshipCheck } from './role-relationship';
import { SERVICE_REQUEST_VARIANTS } from './service-request-variant';

/*
 * "No leak": whatever the registry says and whoever asks, data is released only to a user with a
 * relationship with the MPAN on every day asked for. The oracle below is written from the brief,
 * apart from the rule: it reads a registry kept as one fact per day, and knows the entitling
 * relationships, the areas and the consent statuses as literals of its own.
 */

const HORIZON = 8;
const FIRST_DAY = '2026-03-01';
const MPIDS = ['MDRA', 'MDRB', 'SUPA', 'SUPB', 'LOND', 'SWEB', 'GASS', 'OTHR'] as const;
const MPANS = ['1200001234566', '2200001234569', '1400001234565'] as const;
const AREAS_TEXT = 'LOND=12;SWEB=22';
const ORACLE_AREAS: Record<string, readonly string[]> = { LOND: ['12'], SWEB: ['22'] };
const ORACLE_HH_SRVS = ['4.8.1', '4.8.2', '4.8.3'];
const ORACLE_HH_ALLOWED: readonly HhConsentStatus[] = ['DOMESTIC_OPTED_IN', 'DOMESTIC_LEGACY_OPTED_IN', 'MICROBUSINESS'];

/** The registry as one fact per day of the horizon; a day's `undefined` is "nobody". */
interface RegistryDays {
  mpan: string;
  known: boolean;
  mdr: (string | undefined)[];
  supplier: (string | undefined)[];
  consent: (HhConsentStatus | undefined)[];
  meter: boolean[];
  direction: 'IMPORT' | 'EXPORT';
}

interface Case {
  registry: RegistryDays;
  request: DataAccessRequest;
  otherUsers: OtherUserHhPolicy;
}

function mayRelease({ registry, request, otherUsers }: Case): boolean {
  const first = dayIndex(request.from);
  const days = Array.from({ length: dayIndex(request.to) - first }, (_, i) => first + i);
  const everyDay = (fact: (day: number) => boolean) => days.every((day) => day >= 0 && day < HORIZON && fact(day));
  let related: boolean;
  if (request.role === 'MDR') related = everyDay((d) => registry.known && registry.mdr[d] === request.userMpid);
  else if (request.role === 'IS' || request.role === 'ES') related = everyDay((d) => registry.known && registry.supplier[d] === request.userMpid);
  else if (request.role === 'ED') related = (ORACLE_AREAS[request.userMpid] ?? []).includes(request.mpan.slice(0, 2));
  else if (request.role === 'OU') related = otherUsers === 'WITH_CONSENT_REFERENCE' && request.consentReference !== undefined;
  else related = false;
  const consented = !ORACLE_HH_SRVS.includes(request.srv) || everyDay((d) => ORACLE_HH_ALLOWED.includes(registry.consent[d]!));
  return related && consented && everyDay((d) => registry.known && registry.meter[d]);
}

/** Days -2 … HORIZON + 5 as dates, computed once: a million cases need no date arithmetic. */
const DAY_OFFSET = 2;
const DAYS = Array.from({ length: HORIZON + 8 }, (_, i) => addDays(FIRST_DAY, i - DAY_OFFSET));
const INDEX_OF_DAY = new Map(DAYS.map((day, i) => [day, i - DAY_OFFSET]));
const dayAt = (index: number): CalendarDate => DAYS[index + DAY_OFFSET];
const dayIndex = (day: CalendarDate): number => INDEX_OF_DAY.get(day)!;

/** The same registry as the periods the rule reads: each run of equal facts is one period. */
function timelineOf(registry: RegistryDays): MpanTimeline | undefined {
  if (!registry.known) return undefined;
  const periods = <T, P>(facts: (T | undefined)[], period: (fact: T) => P) => {
    const runs: (P & { from: CalendarDate; to: CalendarDate })[] = [];
    for (let day = 0; day < HORIZON; day++) {
      const fact = facts[day];
      if (fact === undefined || fact === false) continue;
      const from = day;
      while (day + 1 < HORIZON && facts[day + 1] === fact) day++;
      runs.push({ ...period(fact), from: dayAt(from), to: dayAt(day + 1) });
    }
    return runs;
  };
  return {
    mpan: registry.mpan,
    mdrAppointments: periods(registry.mdr, (mdrMpid) => ({ mdrMpid, appointmentId: `A-${mdrMpid}` })),
    suppliers: periods(registry.supplier, (supplierMpid) => ({ supplierMpid, registrationId: `R-${supplierMpid}` })),
    consent: periods(registry.consent, (status) => ({ status })),
    devices: periods(registry.meter, () => ({ deviceId: '00-00-00-00-00-00-00-01', generation: 1 as const, provider: { kind: 'CSP' as const, region: 'SOUTH' as const }, direction: registry.direction })),
  };
}

/** A fact that changes at most once in the horizon: runs long enough for requests of several days. */
function changingOnce<T>(bits: number, values: readonly (T | undefined)[]): (T | undefined)[] {
  const before = values[bits % values.length];
  const after = values[Math.floor(bits / values.length) % values.length];
  const change = Math.floor(bits / values.length ** 2) % (HORIZON + 1);
  return Array.from({ length: HORIZON }, (_, day) => (day < change ? before : after));
}

function relatedAtFirst(role: MarketRole, registry: Omit<RegistryDays, 'direction'>): string {
  if (role === 'MDR') return registry.mdr[0] ?? 'MDRA';
  if (role === 'IS' || role === 'ES') return registry.supplier[0] ?? 'SUPA';
  return registry.mpan.startsWith('22') ? 'SWEB' : 'LOND';
}

const pick = <T>(bits: number, values: readonly T[]): T => values[bits % values.length];
const MPID_OR_NOBODY = [...MPIDS, undefined, undefined];
const CONSENT_OR_NONE = [...HH_CONSENT_STATUSES, undefined];
// 5.x manage schedules and release no data; what a 5.1 schedules is decided as a data request of its own.
const SRVS = SERVICE_REQUEST_VARIANTS.filter((v) => v.dataKind !== 'SCHEDULE').map((v) => v.srv);
const word = fc.integer({ min: 0, max: 2 ** 30 });

/** Generated from four random words (cheap enough for a million cases), each decoded into facts. */
const caseArbitrary: fc.Arbitrary<Case> = fc.tuple(word, word, word, word).map(([registryBits, consentBits, requestBits, periodBits]) => {
  const mpan = pick(registryBits, MPANS);
  const registry: Omit<RegistryDays, 'direction'> = {
    mpan,
    known: Math.floor(registryBits / 3) % 8 !== 0,
    mdr: changingOnce(Math.floor(registryBits / 24), MPID_OR_NOBODY),
    supplier: changingOnce(consentBits, MPID_OR_NOBODY),
    consent: changingOnce(Math.floor(consentBits / 1000), CONSENT_OR_NONE),
    meter: changingOnce(Math.floor(consentBits / 100_000), [true, true, true, false]).map((m) => m === true),
  };
  const role = pick(requestBits, MARKET_ROLES);
  const direction = Math.floor(consentBits / 1_000_000) % 2 === 0 ? ('IMPORT' as const) : ('EXPORT' as const);
  const first = (periodBits % (HORIZON + 2)) - 1;
  const request: DataAccessRequest = {
    role,
    // Half the users are the organisation related to the MPAN on the first day, in the role's sense, so many are authorised.
    userMpid: Math.floor(requestBits / 4096) % 2 === 0 ? pick(Math.floor(requestBits / 8), MPIDS) : relatedAtFirst(role, registry),
    mpan,
    srv: pick(Math.floor(requestBits / 64), SRVS),
    from: dayAt(first),
    to: dayAt(first + 1 + (Math.floor(periodBits / 16) % 4)),
    ...(Math.floor(requestBits / 1024) % 2 === 0 ? { consentReference: 'CONSENT-7' } : {}),
  };
  const otherUsers: OtherUserHhPolicy = Math.floor(periodBits / 128) % 2 === 0 ? 'REFUSED' : 'WITH_CONSENT_REFERENCE';
  return { registry: { ...registry, direction }, request, otherUsers };
});

const matrix = buildEligibilityMatrix();
const rulesFor = (otherUsers: OtherUserHhPolicy): DataAccessRules => ({ matrix, relationships: buildRelationshipPolicy(AREAS_TEXT, otherUsers) });
const RULES = { REFUSED: rulesFor('REFUSED'), WITH_CONSENT_REFERENCE: rulesFor('WITH_CONSENT_REFERENCE') };

function leaks(checks: Readonly<Record<MarketRole, RelationshipCheck>>, numRuns: number): fc.RunDetails<[Case]> {
  return fc.check(
    fc.property(caseArbitrary, (c) => !decideDataAccess(RULES[c.otherUsers], timelineOf(c.registry), c.request, checks).authorised || mayRelease(c)),
    { numRuns, seed: 162 },
  );
}

describe('data released only to the entitled (an oracle written apart from the rule)', () => {
  it('finds no leak in 1,000,000 generated roles × relationships × periods', () => {
    const released = { count: 0 };
    const refusals = new Set<string>();
    const run = fc.check(
      fc.property(caseArbitrary, (c) => {
        const decision = decideDataAccess(RULES[c.otherUsers], timelineOf(c.registry), c.request);
        const authorised = decision.authorised;
        if (!decision.authorised) refusals.add(decision.reason);
        if (authorised) released.count++;
        return !authorised || mayRelease(c);
      }),
      { numRuns: 1_000_000, seed: 162 },
    );
    expect(run.counterexample).toBeNull();
    expect(run.numRuns).toBe(1_000_000);
    expect(released.count).toBeGreaterThan(15_000);
    expect([...refusals]).toEqual(expect.arrayContaining(['NOT_APPOINTED_MDR', 'NOT_REGISTERED_SUPPLIER', 'NOT_AREA_DISTRIBUTOR', 'NO_RELATIONSHIP_FOR_ROLE', 'CONSENT_REFERENCE_REQUIRED', 'HH_CONSENT_REFUSED']));
  });

  // RSA is eligible for no SRV, so the matrix alone keeps it out: removing its check cannot leak.
  it.each(MARKET_ROLES.filter((role) => role !== 'RSA'))('finds the leak when the %s relationship check is removed', (role) => {
    const withoutRole = { ...RELATIONSHIP_CHECKS, [role]: () => undefined };
    const run = leaks(withoutRole, 200_000);
    expect(run.failed).toBe(true);
    expect(run.counterexample![0].request.role).toBe(role);
  });
});
