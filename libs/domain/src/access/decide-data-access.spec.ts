import fc from 'fast-check';
import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MARKET_ROLES } from '../market/market-role';
import { buildMpanTimeline } from '../registration/build-mpan-timeline';
import { MpanTimeline } from '../registration/mpan-timeline';
import { registrationEventSet } from '../registration/registration-events.arbitrary';
import { RegistrationEvent } from '../registration/registration-event';
import { resolveMpanOnDay } from '../registration/resolve-mpan-on-day';
import { AccessDecision, DataAccessRequest, DataAccessRules, decideDataAccess } from './decide-data-access';
import { buildEligibilityMatrix } from './eligibility-matrix';
import { buildRelationshipPolicy } from './relationship-policy';
import { findServiceRequestVariant, SERVICE_REQUEST_VARIANTS } from './service-request-variant';

const MPAN = '1200001234566';
const OTHER_MPAN = '2200001234569';
const matrix = buildEligibilityMatrix();
const rules: DataAccessRules = { matrix, relationships: buildRelationshipPolicy('LOND=12;SWEB=22;IDNO=24,25', 'WITH_CONSENT_REFERENCE') };

/** The rules read literally, one day at a time, in the order of ACCESS_REFUSALS: the reference. */
function oracle(r: DataAccessRules, timeline: MpanTimeline | undefined, request: DataAccessRequest): AccessDecision {
  const refuse = (reason: AccessDecision & { authorised: false }): AccessDecision => reason;
  const variant = findServiceRequestVariant(request.srv);
  if (!variant) return refuse({ authorised: false, reason: 'UNKNOWN_SRV' });
  if (!r.matrix.rolesBySrv.get(request.srv)?.has(request.role)) return refuse({ authorised: false, reason: 'ROLE_NOT_ELIGIBLE' });
  if (variant.dataKind === 'SCHEDULE') return { authorised: true };
  if (request.from >= request.to) return refuse({ authorised: false, reason: 'INVALID_PERIOD' });
  const days: CalendarDate[] = [];
  for (let day = request.from; day < request.to; day = addDays(day, 1)) days.push(day);
  const states = timeline ? days.map((day) => resolveMpanOnDay(timeline, day)) : [];
  if (request.role === 'MDR' && !(timeline && states.every((s) => s.mdr?.mdrMpid === request.userMpid))) return refuse({ authorised: false, reason: 'NOT_APPOINTED_MDR' });
  if ((request.role === 'IS' || request.role === 'ES') && !(timeline && states.every((s) => s.supplier?.supplierMpid === request.userMpid))) {
    return refuse({ authorised: false, reason: 'NOT_REGISTERED_SUPPLIER' });
  }
  if (request.role === 'ED' && !r.relationships.distributorAreas.get(request.userMpid)?.has(request.mpan.slice(0, 2))) {
    return refuse({ authorised: false, reason: 'NOT_AREA_DISTRIBUTOR' });
  }
  if (['GS', 'GT', 'RSA'].includes(request.role) || (request.role === 'OU' && r.relationships.otherUserHhData === 'REFUSED')) {
    return refuse({ authorised: false, reason: 'NO_RELATIONSHIP_FOR_ROLE' });
  }
  if (request.role === 'OU' && !request.consentReference) return refuse({ authorised: false, reason: 'CONSENT_REFERENCE_REQUIRED' });
  if (!timeline) return refuse({ authorised: false, reason: 'UNKNOWN_MPAN' });
  if (!states.every((s) => s.device)) return refuse({ authorised: false, reason: 'NO_DEVICE' });
  if (request.deviceId !== undefined && states.some((s) => s.device!.deviceId !== request.deviceId)) {
    return refuse({ authorised: false, reason: 'TARGET_NOT_MPAN_DEVICE' });
  }
  if (variant.direction && states.some((s) => s.device!.direction !== variant.direction)) return refuse({ authorised: false, reason: 'WRONG_ENERGY_DIRECTION' });
  if (request.srv === '4.1.1' && request.role === 'MDR' && states.some((s) => s.device!.generation === 2)) {
    return refuse({ authorised: false, reason: 'NOT_AVAILABLE_ON_SMETS2' });
  }
  if (variant.dataKind === 'HH_PROFILE' && !states.every((s) => s.hhPermitted)) return refuse({ authorised: false, reason: 'HH_CONSENT_REFUSED' });
  return { authorised: true };
}

const requestArbitrary: fc.Arbitrary<DataAccessRequest> = fc.record({
  role: fc.constantFrom(...MARKET_ROLES),
  userMpid: fc.constantFrom('MDRA', 'MDRB', 'SUPA', 'SUPB', 'LOND', 'SWEB', 'IDNO'),
  mpan: fc.constantFrom(MPAN, OTHER_MPAN),
  consentReference: fc.option(fc.constantFrom('CONSENT-1'), { nil: undefined }),
  srv: fc.constantFrom(...SERVICE_REQUEST_VARIANTS.map((v) => v.srv), '9.9'),
  start: fc.integer({ min: -10, max: 300 }),
  length: fc.integer({ min: 0, max: 45 }),
  deviceId: fc.option(fc.constantFrom('00-00-00-00-00-00-00-01', '00-00-00-00-00-00-00-02'), { nil: undefined }),
}).map(({ start, length, deviceId, consentReference, ...rest }) => {
  const from = addDays('2026-01-01', start);
  return { ...rest, from, to: addDays(from, length), ...(deviceId === undefined ? {} : { deviceId }), ...(consentReference === undefined ? {} : { consentReference }) };
});

const timelineArbitrary: fc.Arbitrary<MpanTimeline | undefined> = fc.option(
  registrationEventSet(MPAN, 20).map((events: RegistrationEvent[]) => buildMpanTimeline(MPAN, events)),
  { freq: 10, nil: undefined },
);

describe('decideDataAccess, for any registry and request', () => {
  it('decides exactly as the day-by-day reading of the rules (100,000 cases)', () => {
    fc.assert(
      fc.property(timelineArbitrary, requestArbitrary, (timeline, request) => {
        expect(decideDataAccess(rules, timeline, request)).toEqual(oracle(rules, timeline, request));
      }),
      { numRuns: 100_000 },
    );
  });

  it('never gives an MDR data for a day outside its own appointment', () => {
    fc.assert(
      fc.property(timelineArbitrary, requestArbitrary.map((r) => ({ ...r, role: 'MDR' as const })), (timeline, request) => {
        const decision = decideDataAccess(rules, timeline, request);
        if (!decision.authorised || findServiceRequestVariant(request.srv)?.dataKind === 'SCHEDULE') return;
        for (let day = request.from; day < request.to; day = addDays(day, 1)) {
          expect(resolveMpanOnDay(timeline!, day).mdr?.mdrMpid).toBe(request.userMpid);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('decideDataAccess, worked cases', () => {
  type EventBody = RegistrationEvent extends infer E ? (E extends RegistrationEvent ? Omit<E, 'mpan' | 'messageId' | 'sequence'> : never) : never;
  const event = (e: EventBody, sequence: number) =>
    ({ ...e, mpan: MPAN, messageId: `m${sequence}`, sequence }) as RegistrationEvent;
  const timeline = buildMpanTimeline(MPAN, [
    event({ kind: 'SUPPLIER_REGISTERED', registrationId: 'R1', supplierMpid: 'SUPA', from: '2026-01-01', mdrAppointmentRetained: false }, 1),
    event({ kind: 'MDR_APPOINTED', appointmentId: 'A1', mdrMpid: 'MDRA', from: '2026-02-01', to: '2026-03-01' }, 2),
    event({ kind: 'HH_CONSENT_CHANGED', status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }, 3),
    event({ kind: 'HH_CONSENT_CHANGED', status: 'DOMESTIC_OPTED_OUT', from: '2026-02-20' }, 4),
    event({ kind: 'DEVICE_COMMISSIONED', deviceId: '00-00-00-00-00-00-00-01', generation: 2, provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from: '2025-01-01' }, 5),
  ]);
  const ask = (request: Partial<DataAccessRequest>) =>
    decideDataAccess(rules, timeline, { role: 'MDR', userMpid: 'MDRA', mpan: MPAN, srv: '4.8.1', from: '2026-02-01', to: '2026-02-02', ...request });

  it('lets the appointed MDR read HH data inside its appointment, with consent', () => {
    expect(ask({})).toEqual({ authorised: true });
  });

  it('refuses the MDR a period that runs past its appointment’s ETD (an appointment ending mid-period)', () => {
    expect(ask({ from: '2026-02-10', to: '2026-02-15' })).toEqual({ authorised: true });
    expect(ask({ from: '2026-02-25', to: '2026-03-02', srv: '4.6.1' })).toEqual({ authorised: false, reason: 'NOT_APPOINTED_MDR' });
    expect(ask({ userMpid: 'MDRB' })).toEqual({ authorised: false, reason: 'NOT_APPOINTED_MDR' });
  });

  it('refuses HH profile data after an opt-out but still allows the daily read log', () => {
    expect(ask({ from: '2026-02-20', to: '2026-02-21' })).toEqual({ authorised: false, reason: 'HH_CONSENT_REFUSED' });
    expect(ask({ from: '2026-02-20', to: '2026-02-21', srv: '4.6.1' })).toEqual({ authorised: true });
  });

  it('applies REQ-1: no 4.1.1 for the MDR on a SMETS2 meter, but for the supplier', () => {
    expect(ask({ srv: '4.1.1' })).toEqual({ authorised: false, reason: 'NOT_AVAILABLE_ON_SMETS2' });
    expect(ask({ srv: '4.1.1', role: 'IS', userMpid: 'SUPA' })).toEqual({ authorised: true });
  });

  it('refuses a request aimed at a device that is not the MPAN’s meter', () => {
    expect(ask({ deviceId: '00-00-00-00-00-00-00-01' })).toEqual({ authorised: true });
    expect(ask({ deviceId: '00-00-00-00-00-00-00-09' })).toEqual({ authorised: false, reason: 'TARGET_NOT_MPAN_DEVICE' });
  });

  it('keeps roles to their SRVs, export SRVs to export meters and suppliers to their own MPANs', () => {
    expect(ask({ srv: '4.8.2' })).toEqual({ authorised: false, reason: 'ROLE_NOT_ELIGIBLE' });
    expect(ask({ srv: '4.8.3' })).toEqual({ authorised: false, reason: 'WRONG_ENERGY_DIRECTION' });
    expect(ask({ role: 'IS', userMpid: 'SUPB' })).toEqual({ authorised: false, reason: 'NOT_REGISTERED_SUPPLIER' });
    expect(ask({ srv: '7.7' })).toEqual({ authorised: false, reason: 'UNKNOWN_SRV' });
    expect(ask({ to: '2026-02-01' })).toEqual({ authorised: false, reason: 'INVALID_PERIOD' });
    expect(decideDataAccess(rules, undefined, { role: 'ED', userMpid: 'LOND', mpan: MPAN, srv: '4.8.1', from: '2026-02-01', to: '2026-02-02' }))
      .toEqual({ authorised: false, reason: 'UNKNOWN_MPAN' });
  });

  it('gives an Electricity Distributor its own areas’ MPANs only, known or not', () => {
    expect(ask({ role: 'ED', userMpid: 'LOND' })).toEqual({ authorised: true });
    expect(ask({ role: 'ED', userMpid: 'SWEB' })).toEqual({ authorised: false, reason: 'NOT_AREA_DISTRIBUTOR' });
    expect(ask({ role: 'ED', userMpid: 'XXXX' })).toEqual({ authorised: false, reason: 'NOT_AREA_DISTRIBUTOR' });
    expect(decideDataAccess(rules, undefined, { role: 'ED', userMpid: 'SWEB', mpan: MPAN, srv: '4.8.1', from: '2026-02-01', to: '2026-02-02' }))
      .toEqual({ authorised: false, reason: 'NOT_AREA_DISTRIBUTOR' });
  });

  it('gives gas roles no electricity data, and an Other User HH data only as the policy says', () => {
    expect(ask({ role: 'GS', userMpid: 'GASS' })).toEqual({ authorised: false, reason: 'NO_RELATIONSHIP_FOR_ROLE' });
    expect(ask({ role: 'GT', userMpid: 'GAST' })).toEqual({ authorised: false, reason: 'NO_RELATIONSHIP_FOR_ROLE' });
    expect(ask({ role: 'OU', userMpid: 'OTHR' })).toEqual({ authorised: false, reason: 'CONSENT_REFERENCE_REQUIRED' });
    expect(ask({ role: 'OU', userMpid: 'OTHR', consentReference: 'C-1' })).toEqual({ authorised: true });
    expect(ask({ role: 'OU', userMpid: 'OTHR', consentReference: 'C-1', from: '2026-02-20', to: '2026-02-21' })).toEqual({ authorised: false, reason: 'HH_CONSENT_REFUSED' });
    const refusing = { ...rules, relationships: buildRelationshipPolicy(undefined, 'REFUSED') };
    expect(decideDataAccess(refusing, timeline, { role: 'OU', userMpid: 'OTHR', mpan: MPAN, srv: '4.8.1', from: '2026-02-01', to: '2026-02-02', consentReference: 'C-1' }))
      .toEqual({ authorised: false, reason: 'NO_RELATIONSHIP_FOR_ROLE' });
  });

  it('tells a user with no relationship nothing of whether an MPAN exists', () => {
    const unknown = (request: Partial<DataAccessRequest>) =>
      decideDataAccess(rules, undefined, { role: 'MDR', userMpid: 'MDRA', mpan: MPAN, srv: '4.8.1', from: '2026-02-01', to: '2026-02-02', ...request });
    expect(unknown({})).toEqual(ask({ userMpid: 'MDRB' }));
    expect(unknown({ role: 'IS', userMpid: 'SUPB' })).toEqual(ask({ role: 'IS', userMpid: 'SUPB' }));
  });

  it('takes the MDR’s SRV set from configuration', () => {
    const narrow = buildEligibilityMatrix(['4.8.1']);
    expect(decideDataAccess({ ...rules, matrix: narrow }, timeline, { role: 'MDR', userMpid: 'MDRA', mpan: MPAN, srv: '4.6.1', from: '2026-02-01', to: '2026-02-02' }))
      .toEqual({ authorised: false, reason: 'ROLE_NOT_ELIGIBLE' });
    expect(() => buildEligibilityMatrix(['9.9'])).toThrow(RangeError);
    expect(narrow.version).not.toBe(matrix.version);
    // The relationship policy's version names its areas table by digest: another table, another version.
    expect(buildRelationshipPolicy('LOND=12').version).toMatch(/^areas:[0-9a-f]{12}\|ou:REFUSED$/);
    expect(buildRelationshipPolicy('LOND=12').version).not.toBe(buildRelationshipPolicy('LOND=12,19').version);
    expect(buildRelationshipPolicy('LOND=12;SWEB=22').version).toBe(buildRelationshipPolicy('SWEB=22;LOND=12').version);
  });
});
