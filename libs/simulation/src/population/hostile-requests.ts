import { addDays, CalendarDate, distributorIdOf, mpanCoreFrom } from '@halfhour/domain';
import { AbuseKind, SIMULATED_MDRS, SIMULATED_SUPPLIERS, SimulatedMeter, SimulatedRequest, SimulatedRole } from './population';
import { SeededRandom } from './seeded-random';

/**
 * The abuse campaign's users: registered DCC users, signing well, with hostile intent — an
 * Electricity Distributor (South Western, distributor 22) reading other areas' meters, the gas
 * roles and an Other User reading electricity meters, an MDR whose key is revoked, and one whose
 * user record was deleted (a tombstone on the users topic).
 */
export const HOSTILE_USERS = {
  otherAreaDistributor: { mpid: 'SWEB', role: 'ED', area: '22' },
  gasSupplier: { mpid: 'GASS', role: 'GS' },
  gasTransporter: { mpid: 'GAST', role: 'GT' },
  otherUser: { mpid: 'OTHR', role: 'OU' },
  revoked: { mpid: 'MDRR', role: 'MDR' },
  deleted: { mpid: 'MDRX', role: 'MDR' },
} as const satisfies Record<string, { mpid: string; role: SimulatedRole; area?: string }>;

/**
 * Signed, well-formed requests from registered users that must all be refused, each with its code,
 * and release no data to anyone: every role against meters it has no relationship with, an
 * unknown MPAN probed, periods reaching a century ahead or back, revoked and deleted users. Sent
 * mid-run, among the day's genuine on-demand reads.
 */
export function hostileRequests(meters: readonly SimulatedMeter[], random: SeededRandom, dataDay: CalendarDate): SimulatedRequest[] {
  const imports = meters.filter((m) => m.direction === 'IMPORT' && m.consent !== 'DOMESTIC_OPTED_OUT');
  const elsewhere = imports.filter((m) => distributorIdOf(m.mpan) !== HOSTILE_USERS.otherAreaDistributor.area);
  const appointed = imports.filter((m) => m.mdr);
  if (elsewhere.length === 0 || appointed.length === 0) return [];
  const [target, ownMeter] = [random.pick(elsewhere), random.pick(appointed)];
  const read = (m: SimulatedMeter, user: string, role: SimulatedRole, abuse: AbuseKind, decision: string, days = { from: addDays(dataDay, -1), to: dataDay }): SimulatedRequest => ({
    user, role, mpan: m.mpan, deviceId: m.deviceId, phase: 'ON_DEMAND', srv: '4.8.1', days, abuse, expected: { decision, outcomes: [] },
  });
  const probe = { ...ownMeter, mpan: mpanCoreFrom('11', '8888888888') };
  return [
    read(target, HOSTILE_USERS.otherAreaDistributor.mpid, 'ED', 'NO_RELATIONSHIP', 'E38'),
    read(target, HOSTILE_USERS.gasSupplier.mpid, 'GS', 'NO_RELATIONSHIP', 'E39'),
    read(target, HOSTILE_USERS.gasTransporter.mpid, 'GT', 'NO_RELATIONSHIP', 'E39'),
    read(target, HOSTILE_USERS.otherUser.mpid, 'OU', 'NO_RELATIONSHIP', 'E39'),
    // To its MDR, an MPAN the registry does not know is one it is not appointed to: it learns nothing more.
    read(probe, ownMeter.mdr!, 'MDR', 'UNKNOWN_MPAN_PROBE', 'E31'),
    read(ownMeter, ownMeter.mdr!, 'MDR', 'PERIOD_IN_FUTURE', 'E27', { from: dataDay, to: addDays(dataDay, 36_500) }),
    read(ownMeter, ownMeter.mdr!, 'MDR', 'PERIOD_OF_CENTURIES', 'E28', { from: addDays(dataDay, -36_500), to: dataDay }),
    read(ownMeter, HOSTILE_USERS.revoked.mpid, 'MDR', 'REVOKED_USER', 'E12'),
    read(ownMeter, HOSTILE_USERS.deleted.mpid, 'MDR', 'DELETED_USER', 'E10'),
  ];
}

/** A few of each kind of request that must be refused, and the code each must get. */
export function spoiledRequests(meters: readonly SimulatedMeter[], random: SeededRandom, dataDay: CalendarDate): SimulatedRequest[] {
  const eligible = meters.filter((m) => m.consent !== 'DOMESTIC_OPTED_OUT' && m.direction === 'IMPORT');
  const base = (m: SimulatedMeter, user: string, role: SimulatedRole): SimulatedRequest => ({
    user, role, mpan: m.mpan, deviceId: m.deviceId, phase: 'BEFORE_PLAN', srv: '4.8.1', schedule: { startDate: dataDay }, expected: { decision: 'I0', outcomes: [] },
  });
  const picks = random.sample(eligible, 12);
  const at = (i: number) => picks[i % picks.length];
  const notTheirs = (m: SimulatedMeter) => SIMULATED_SUPPLIERS.find((s) => s !== m.supplier)!;
  const notAppointed = (m: SimulatedMeter) => SIMULATED_MDRS.find((s) => s !== m.mdr)!;
  const exportMeter = meters.find((m) => m.direction === 'EXPORT' && m.consent !== 'DOMESTIC_OPTED_OUT');
  const unknown = { ...at(6), mpan: mpanCoreFrom('10', '9999999999') };
  return [
    { ...base(at(0), at(0).supplier, 'IS'), tampering: 'FORGED_SIGNATURE', expected: { decision: 'E13', outcomes: [] } },
    { ...base(at(1), at(1).supplier, 'IS'), tampering: 'REPLAYED_COUNTER', expected: { decision: 'E15', outcomes: [] } },
    { ...base(at(2), at(2).supplier, 'IS'), tampering: 'EXPIRED', expected: { decision: 'E14', outcomes: [] } },
    { ...base(at(3), notTheirs(at(3)), 'IS'), expected: { decision: 'E32', outcomes: [] } },
    { ...base(at(4), notAppointed(at(4)), 'MDR'), expected: { decision: 'E31', outcomes: [] } },
    { ...base(at(5), at(5).supplier, 'IS'), deviceId: at(7).deviceId, expected: { decision: 'E34', outcomes: [] } },
    // An MPAN the registry does not know is, to a supplier, one it is not registered to: E32 tells it nothing more.
    { ...base(unknown, unknown.supplier, 'IS'), expected: { decision: 'E32', outcomes: [] } },
    ...(exportMeter ? [{ ...base(exportMeter, exportMeter.supplier, 'IS'), expected: { decision: 'E35', outcomes: [] } }] : []),
  ];
}

