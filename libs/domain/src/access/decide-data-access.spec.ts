import fc from 'fast-check';
import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MARKET_ROLES } from '../market/market-role';
import { buildMpanTimeline } from '../registration/build-mpan-timeline';
import { MpanTimeline } from '../registration/mpan-timeline';
import { registrationEventSet } from '../registration/registration-events.arbitrary';
import { RegistrationEvent } from '../registration/registration-event';
import { resolveMpanOnDay } from '../registration/resolve-mpan-on-day';
import { AccessDecision, DataAccessRequest, decideDataAccess } from './decide-data-access';
import { buildEligibilityMatrix, EligibilityMatrix } from './eligibility-matrix';
import { findServiceRequestVariant, SERVICE_REQUEST_VARIANTS } from './service-request-variant';

const MPAN = '1200001234566';
const matrix = buildEligibilityMatrix();

/** The rules read literally, one day at a time, in the order of ACCESS_REFUSALS: the reference. */
function oracle(m: EligibilityMatrix, timeline: MpanTimeline | undefined, request: DataAccessRequest): AccessDecision {
  const refuse = (reason: AccessDecision & { authorised: false }): AccessDecision => reason;
  const variant = findServiceRequestVariant(request.srv);
  if (!variant) return refuse({ authorised: false, reason: 'UNKNOWN_SRV' });
  if (!m.rolesBySrv.get(request.srv)?.has(request.role)) return refuse({ authorised: false, reason: 'ROLE_NOT_ELIGIBLE' });
  if (variant.dataKind === 'SCHEDULE') return { authorised: true };
  if (request.from >= request.to) return refuse({ authorised: false, reason: 'INVALID_PERIOD' });
  if (!timeline) return refuse({ authorised: false, reason: 'UNKNOWN_MPAN' });
  const days: CalendarDate[] = [];
  for (let day = request.from; day < request.to; day = addDays(day, 1)) days.push(day);
  const states = days.map((day) => resolveMpanOnDay(timeline, day));
  if (request.role === 'MDR' && !states.every((s) => s.mdr?.mdrMpid === request.userMpid)) return refuse({ authorised: false, reason: 'NOT_APPOINTED_MDR' });
  if ((request.role === 'IS' || request.role === 'ES') && !states.every((s) => s.supplier?.supplierMpid === request.userMpid)) {
    return refuse({ authorised: false, reason: 'NOT_REGISTERED_SUPPLIER' });
  }
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
  userMpid: fc.constantFrom('MDRA', 'MDRB', 'SUPA', 'SUPB'),
  srv: fc.constantFrom(...SERVICE_REQUEST_VARIANTS.map((v) => v.srv), '9.9'),
  start: fc.integer({ min: -10, max: 300 }),
  length: fc.integer({ min: 0, max: 45 }),
  deviceId: fc.option(fc.constantFrom('00-00-00-00-00-00-00-01', '00-00-00-00-00-00-00-02'), { nil: undefined }),
}).map(({ start, length, deviceId, ...rest }) => {
  const from = addDays('2026-01-01', start);
  return { ...rest, from, to: addDays(from, length), ...(deviceId === undefined ? {} : { deviceId }) };
});

const timelineArbitrary: fc.Arbitrary<MpanTimeline | undefined> = fc.option(
  registrationEventSet(MPAN, 20).map((events: RegistrationEvent[]) => buildMpanTimeline(MPAN, events)),
  { freq: 10, nil: undefined },
);

describe('decideDataAccess, for any registry and request', () => {
  it('decides exactly as the day-by-day reading of the rules (100,000 cases)', () => {
    fc.assert(
      fc.property(timelineArbitrary, requestArbitrary, (timeline, request) => {
        expect(decideDataAccess(matrix, timeline, request)).toEqual(oracle(matrix, timeline, request));
      }),
      { numRuns: 100_000 },
    );
  });

  it('never gives an MDR data for a day outside its own appointment', () => {
    fc.assert(
      fc.property(timelineArbitrary, requestArbitrary.map((r) => ({ ...r, role: 'MDR' as const })), (timeline, request) => {
        const decision = decideDataAccess(matrix, timeline, request);
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
    decideDataAccess(matrix, timeline, { role: 'MDR', userMpid: 'MDRA', srv: '4.8.1', from: '2026-02-01', to: '2026-02-02', ...request });

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
    expect(decideDataAccess(matrix, undefined, { role: 'MDR', userMpid: 'MDRA', srv: '4.8.1', from: '2026-02-01', to: '2026-02-02' }))
      .toEqual({ authorised: false, reason: 'UNKNOWN_MPAN' });
  });

  it('takes the MDR’s SRV set from configuration', () => {
    const narrow = buildEligibilityMatrix(['4.8.1']);
    expect(decideDataAccess(narrow, timeline, { role: 'MDR', userMpid: 'MDRA', srv: '4.6.1', from: '2026-02-01', to: '2026-02-02' }))
      .toEqual({ authorised: false, reason: 'ROLE_NOT_ELIGIBLE' });
    expect(() => buildEligibilityMatrix(['9.9'])).toThrow(RangeError);
    expect(narrow.version).not.toBe(matrix.version);
  });
});
