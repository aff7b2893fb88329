import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { MARKET_ROLES } from '../market/market-role';
import { buildMpanTimeline } from '../registration/build-mpan-timeline';
import { RegistrationEvent } from '../registration/registration-event';
import { DccUser } from './dcc-user';
import { AccessPolicy, DecisionContext, decideServiceRequest, ServiceRequestToDecide } from './decide-service-request';
import { buildEligibilityMatrix } from './eligibility-matrix';
import { DEFAULT_RELATIONSHIP_POLICY } from './relationship-policy';
import { ALL_REFUSALS, REFUSAL_RESPONSE_CODES } from './response-codes';
import { signRequest, verifyRequestSignature } from './request-signature';
import { SERVICE_REQUEST_VARIANTS } from './service-request-variant';
import { DEFAULT_TRT_SETTINGS, TRT_POLICIES, trtFor } from './trt-policy';
import { DEFAULT_READ_LOG_LIMITS } from './read-log-period';

const MPAN = '1200001234566';
const METER = '00-00-00-00-00-00-00-01';
const MDR_USER = '00-00-00-00-00-00-AA-01';
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const now = new Date('2026-02-10T12:00:00Z');

const mdr: DccUser = {
  userId: MDR_USER,
  mpid: 'MDRA',
  roles: ['MDR'],
  keys: [{ keyId: 'k1', role: 'MDR', publicKeyPem, validFrom: new Date('2026-01-01T00:00:00Z') }],
};
const event = (e: object, sequence: number) => ({ ...e, mpan: MPAN, messageId: `m${sequence}`, sequence }) as RegistrationEvent;
const timeline = buildMpanTimeline(MPAN, [
  event({ kind: 'SUPPLIER_REGISTERED', registrationId: 'R1', supplierMpid: 'SUPA', from: '2026-01-01', mdrAppointmentRetained: false }, 1),
  event({ kind: 'MDR_APPOINTED', appointmentId: 'A1', mdrMpid: 'MDRA', from: '2026-02-01', to: '2026-03-01' }, 2),
  event({ kind: 'HH_CONSENT_CHANGED', status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }, 3),
  event({ kind: 'DEVICE_COMMISSIONED', deviceId: METER, generation: 2, provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from: '2025-01-01' }, 4),
]);
const policy: AccessPolicy = {
  matrix: buildEligibilityMatrix(),
  relationships: DEFAULT_RELATIONSHIP_POLICY,
  trt: DEFAULT_TRT_SETTINGS,
  freshness: { maxAgeMs: 60 * 60 * 1000, maxClockSkewMs: 5 * 60 * 1000 },
  readLog: DEFAULT_READ_LOG_LIMITS,
};

/** A request as the user would sign it, and its parsed form. */
function request(overrides: Partial<ServiceRequestToDecide> = {}): ServiceRequestToDecide {
  return {
    requestId: { originator: MDR_USER, target: METER, counter: 10n },
    role: 'MDR',
    serviceReference: '4.8',
    srv: '4.8.1',
    commandVariant: 1,
    mpan: MPAN,
    createdAt: new Date('2026-02-10T11:59:00Z'),
    readPeriod: { start: new Date('2026-02-09T00:00:00Z'), end: new Date('2026-02-10T00:00:00Z') },
    ...overrides,
  };
}
function decide(req: ServiceRequestToDecide, context: Partial<DecisionContext> = {}, p: AccessPolicy = policy) {
  const signed = { ...req, requestId: `${req.requestId.originator}:${req.requestId.target}:${req.requestId.counter}` };
  const signature = signRequest(signed, context.verifiesWith ? forger.privateKey : privateKey);
  return decideServiceRequest(p, req, {
    user: mdr,
    lastAcceptedCounter: 9n,
    timeline,
    now,
    ...context,
    verifiesWith: (key) => verifyRequestSignature({ ...signed, signature }, key.publicKeyPem),
  });
}
const reasonOf = (decision: ReturnType<typeof decide>) => (decision.authorised ? 'AUTHORISED' : decision.reason);

describe('decideServiceRequest', () => {
  it('authorises the appointed MDR’s signed on-demand 4.8.1 with the TRT of the policy', () => {
    expect(decide(request())).toEqual({
      authorised: true,
      keyId: 'k1',
      dataSrv: '4.8.1',
      mode: 'ON_DEMAND',
      days: { from: '2026-02-09', to: '2026-02-10' },
      trt: { seconds: 30, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      purpose: 'MHHS',
    });
  });

  it('takes a request’s purpose (version 2) to the scheduler, and refuses a BAU purpose from the MDR role (E26)', () => {
    expect(decide(request({ purpose: 'BAU' }))).toMatchObject({ authorised: false, reason: 'PURPOSE_NOT_FOR_ROLE', authenticated: true });
    expect(decide(request({ purpose: 'MHHS' }))).toMatchObject({ authorised: true, purpose: 'MHHS' });
  });

  it('refuses unknown users, roles not held, revoked or expired keys and forged signatures, without spending the counter', () => {
    const cases = [
      decide(request(), { user: undefined }),
      decide(request({ role: 'IS' })),
      decide(request(), { user: { ...mdr, keys: [{ ...mdr.keys[0], revokedAt: new Date('2026-02-10T11:00:00Z') }] } }),
      decide(request(), { user: { ...mdr, keys: [{ ...mdr.keys[0], validTo: new Date('2026-02-01T00:00:00Z') }] } }),
      decide(request(), { verifiesWith: () => false }),
    ];
    expect(cases.map(reasonOf)).toEqual(['UNKNOWN_USER', 'ROLE_NOT_HELD', 'NO_VALID_KEY', 'NO_VALID_KEY', 'SIGNATURE_INVALID']);
    expect(cases.every((c) => !c.authorised && !c.authenticated)).toBe(true);
  });

  it('refuses a replayed counter and a stale or future-dated request', () => {
    expect(reasonOf(decide(request(), { lastAcceptedCounter: 10n }))).toBe('REPLAYED_COUNTER');
    expect(reasonOf(decide(request({ createdAt: new Date('2026-02-10T10:00:00Z') })))).toBe('REQUEST_EXPIRED');
    expect(reasonOf(decide(request({ createdAt: new Date('2026-02-10T12:10:00Z') })))).toBe('REQUEST_EXPIRED');
    expect(reasonOf(decide(request(), { lastAcceptedCounter: undefined }))).toBe('AUTHORISED');
  });

  it('refuses malformed requests once the user is authenticated, and says the counter is spent', () => {
    const cases = [
      decide(request({ serviceReference: '4.6' })),
      decide(request({ commandVariant: 8 })),
      decide(request({ readPeriod: undefined })),
      decide(request({ readPeriod: { start: now, end: now } })),
      decide(request({ srv: '4.8.2' })),
    ];
    expect(cases.map(reasonOf)).toEqual(['UNKNOWN_SRV', 'COMMAND_VARIANT_NOT_ALLOWED', 'INVALID_REQUEST_BODY', 'INVALID_PERIOD', 'ROLE_NOT_ELIGIBLE']);
    expect(cases.every((c) => !c.authorised && c.authenticated)).toBe(true);
  });

  it('refuses data past the end of the appointment and for another meter', () => {
    const later = new Date('2026-03-02T12:00:00Z');
    const pastEtd = request({ createdAt: later, readPeriod: { start: new Date('2026-02-28T00:00:00Z'), end: new Date('2026-03-01T00:00:01Z') } });
    expect(reasonOf(decide(pastEtd, { now: later }))).toBe('NOT_APPOINTED_MDR');
    expect(reasonOf(decide(request({ requestId: { originator: MDR_USER, target: '00-00-00-00-00-00-00-09', counter: 10n } })))).toBe('TARGET_NOT_MPAN_DEVICE');
  });

  it('refuses a read log period that ends after the time of decision, or is longer than the limit, before asking the registry', () => {
    const forever = request({ readPeriod: { start: new Date('2026-02-09T00:00:00Z'), end: new Date('9999-12-31T00:00:00Z') } });
    expect(decide(forever)).toMatchObject({ authorised: false, reason: 'PERIOD_IN_FUTURE', authenticated: true });
    const fourteenMonths = request({ readPeriod: { start: new Date('2024-12-01T00:00:00Z'), end: new Date('2026-02-10T00:00:00Z') } });
    expect(reasonOf(decide(fourteenMonths))).toBe('PERIOD_TOO_LONG');
    expect(reasonOf(decide(fourteenMonths, {}, { ...policy, readLog: { maxDays: 500 } }))).toBe('NOT_APPOINTED_MDR');
  });

  it('decides a 5.1 Create Schedule on the SRV it schedules, from its first day, on the MHHS TRT', () => {
    const create = request({ serviceReference: '5.1', srv: '5.1', commandVariant: 8, readPeriod: undefined, schedule: { srv: '4.8.1', startDate: '2026-02-11' } });
    expect(decide(create)).toMatchObject({ authorised: true, dataSrv: '4.8.1', mode: 'SCHEDULED', days: { from: '2026-02-11', to: '2026-02-12' }, trt: { basis: 'MHHS', seconds: 86_400 } });
    expect(reasonOf(decide({ ...create, schedule: { srv: '4.8.1', startDate: '2026-03-01' } }))).toBe('NOT_APPOINTED_MDR');
    expect(reasonOf(decide({ ...create, schedule: { srv: '5.2', startDate: '2026-02-11' } }))).toBe('INVALID_REQUEST_BODY');
    expect(decide(request({ serviceReference: '5.3', srv: '5.3', commandVariant: 8, readPeriod: undefined }))).toMatchObject({ authorised: true, mode: 'SCHEDULE_MANAGEMENT' });
  });

  it('lets the MDR schedule 4.2 (export registers) for both meter generations (R-ACL-5), of an export meter only', () => {
    const exportMeter = (generation: 1 | 2, provider: object) => buildMpanTimeline(MPAN, [
      event({ kind: 'SUPPLIER_REGISTERED', registrationId: 'R1', supplierMpid: 'SUPA', from: '2026-01-01', mdrAppointmentRetained: false }, 1),
      event({ kind: 'MDR_APPOINTED', appointmentId: 'A1', mdrMpid: 'MDRA', from: '2026-02-01', to: '2026-03-01' }, 2),
      event({ kind: 'HH_CONSENT_CHANGED', status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }, 3),
      event({ kind: 'DEVICE_COMMISSIONED', deviceId: METER, generation, provider, direction: 'EXPORT', from: '2025-01-01' }, 4),
    ]);
    const create = request({ serviceReference: '5.1', srv: '5.1', commandVariant: 8, readPeriod: undefined, schedule: { srv: '4.2', startDate: '2026-02-11' } });
    for (const meter of [exportMeter(2, { kind: 'CSP', region: 'SOUTH' }), exportMeter(1, { kind: 'S1SP', s1spId: 'S1SP-A' })]) {
      expect(decide(create, { timeline: meter })).toMatchObject({ authorised: true, dataSrv: '4.2', mode: 'SCHEDULED', trt: { basis: 'MHHS' } });
    }
    expect(reasonOf(decide(create))).toBe('WRONG_ENERGY_DIRECTION');
  });

  it('reserves HH profiles to the MDR under MDR_ONLY', () => {
    const supplier: DccUser = { ...mdr, mpid: 'SUPA', roles: ['IS'], keys: [{ ...mdr.keys[0], role: 'IS' }] };
    const mdrOnly = { ...policy, trt: { ...policy.trt, policy: 'MDR_ONLY' as const } };
    expect(reasonOf(decide(request({ role: 'IS' }), { user: supplier }, mdrOnly))).toBe('RESERVED_TO_MDR');
    expect(reasonOf(decide(request({ role: 'IS', serviceReference: '4.6', srv: '4.6.1' }), { user: supplier }, mdrOnly))).toBe('AUTHORISED');
    expect(reasonOf(decide(request({ role: 'IS' }), { user: supplier }))).toBe('AUTHORISED');
  });
});

describe('TRT policies (R-ACL-8)', () => {
  const variants = SERVICE_REQUEST_VARIANTS.filter((v) => v.dataKind !== 'SCHEDULE');

  it('give scheduled reads the same TRT whichever role asks, in every policy', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRT_POLICIES), fc.constantFrom(...variants), fc.constantFrom(...MARKET_ROLES), fc.constantFrom(...MARKET_ROLES), (name, variant, a, b) => {
        const settings = { ...DEFAULT_TRT_SETTINGS, policy: name };
        expect(trtFor(settings, a, variant, 'SCHEDULED')).toEqual(trtFor(settings, b, variant, 'SCHEDULED'));
      }),
    );
  });

  it('differ for on-demand reads only where the policy says', () => {
    const profile = variants.find((v) => v.srv === '4.8.1')!;
    const dailyLog = variants.find((v) => v.srv === '4.6.1')!;
    const basis = (name: (typeof TRT_POLICIES)[number], srv = profile) => trtFor({ ...DEFAULT_TRT_SETTINGS, policy: name }, 'MDR', srv, 'ON_DEMAND').basis;
    expect(TRT_POLICIES.map((name) => basis(name))).toEqual(['EXISTING_ON_DEMAND', 'EXISTING_ON_DEMAND', 'EXISTING_ON_DEMAND']);
    expect(TRT_POLICIES.map((name) => basis(name, dailyLog))).toEqual(['EXISTING_ON_DEMAND', 'EXISTING_ON_DEMAND', 'MHHS']);
  });
});

describe('response codes', () => {
  it('give every refusal its own E code', () => {
    const codes = ALL_REFUSALS.map((reason) => REFUSAL_RESPONSE_CODES[reason].code);
    expect(new Set(codes).size).toBe(ALL_REFUSALS.length);
    expect(new Set(ALL_REFUSALS).size).toBe(Object.keys(REFUSAL_RESPONSE_CODES).length);
    codes.forEach((code) => expect(code).toMatch(/^E\d+$/));
  });
});
