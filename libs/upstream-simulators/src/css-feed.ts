import { MarketParticipantUpdated, MessageDefinition, Topics } from '@halfhour/contracts';
import { addDays } from '@halfhour/domain';
import { MidRunChange, Population, SIMULATED_MDRS, SIMULATED_SUPPLIERS, SimulatedMeter } from '@halfhour/simulation';

type Outgoing = { definition: MessageDefinition<object>; body: object };

const [MDR_APPOINTED, , MDR_TERMINATED, SUPPLIER_REGISTERED, CONSENT_CHANGED] = Topics.registrations.messages as unknown as MessageDefinition<object>[];
const DEVICE_COMMISSIONED = Topics.deviceInventory.messages[0] as unknown as MessageDefinition<object>;
const STANDING_SINCE = '2020-01-01';
/** The registry's own messages are numbered 1–4 per MPAN; changes come after. */
const FIRST_CHANGE_SEQUENCE = 10;

/**
 * A SIMULATED Central Switching Service feed (and the DCC's device inventory): the population's
 * standing data and registrations as the contracts' messages, and the changes it sends mid-run.
 */
export class CssFeedSimulator {
  constructor(private readonly population: Population) {}

  marketParticipants(): MarketParticipantUpdated[] {
    return [
      ...SIMULATED_SUPPLIERS.map((mpid) => ({ mpid, name: `Simulated supplier ${mpid}`, roles: ['IS' as const, 'ES' as const], effectiveFrom: STANDING_SINCE })),
      ...SIMULATED_MDRS.map((mpid) => ({ mpid, name: `Simulated MDR ${mpid}`, roles: ['MDR' as const], effectiveFrom: STANDING_SINCE })),
    ];
  }

  /** Supplier, MDR appointment and consent of every MPAN, in that order per MPAN, made as they are read: a national registry's are never all held. */
  *registrations(): Generator<Outgoing> {
    const appointedFrom = addDays(this.population.settings.dataDay, -60);
    for (const m of this.population.meters) {
      yield { definition: SUPPLIER_REGISTERED, body: { mpan: m.mpan, registrationId: `REG-${m.mpan}`, supplierMpid: m.supplier, effectiveFrom: STANDING_SINCE, sequence: 1 } };
      if (m.mdr) yield { definition: MDR_APPOINTED, body: { mpan: m.mpan, appointmentId: appointmentIdOf(m.mpan, 1), mdrMpid: m.mdr, effectiveFrom: appointedFrom, sequence: 2 } };
      yield { definition: CONSENT_CHANGED, body: { mpan: m.mpan, status: m.consent, effectiveFrom: STANDING_SINCE, sequence: 3 } };
    }
  }

  *devices(): Generator<Outgoing> {
    for (const m of this.population.meters) yield { definition: DEVICE_COMMISSIONED, body: deviceOf(m) };
  }

  /**
   * The population's mid-run changes (or those given) as messages, registrations and the
   * inventory's apart, numbered after the registry's (and, `later` on, after earlier changes).
   */
  changeMessages(changes: readonly MidRunChange[] = this.population.changes, later = 0): { registrations: Outgoing[]; devices: Outgoing[] } {
    const sequence = FIRST_CHANGE_SEQUENCE + later;
    return {
      registrations: changes.filter((c) => c.kind !== 'METER_EXCHANGED').map((c) => messageOf(c, sequence)),
      devices: changes.filter((c) => c.kind === 'METER_EXCHANGED').map((c) => messageOf(c, sequence)),
    };
  }
}

function appointmentIdOf(mpan: string, n: number): string {
  return `APT-${mpan}-${n}`;
}

type InstalledDevice = Pick<SimulatedMeter, 'mpan' | 'deviceId' | 'generation' | 'provider' | 'direction'> & { effectiveFrom?: string; sequence?: number };

function deviceOf(m: InstalledDevice): object {
  const provider = m.provider.kind === 'CSP' ? { cspRegion: m.provider.region } : { s1spId: m.provider.s1spId };
  return { mpan: m.mpan, deviceId: m.deviceId, smetsGeneration: m.generation, ...provider, direction: m.direction, effectiveFrom: m.effectiveFrom ?? STANDING_SINCE, sequence: m.sequence ?? 4 };
}

function messageOf(change: MidRunChange, sequence: number): Outgoing {
  switch (change.kind) {
    case 'APPOINTMENT_ENDS':
      return { definition: MDR_TERMINATED, body: { mpan: change.mpan, appointmentId: appointmentIdOf(change.mpan, change.appointment), effectiveTo: change.effectiveTo, sequence } };
    case 'APPOINTMENT_STARTS':
      return {
        definition: MDR_APPOINTED,
        body: { mpan: change.mpan, appointmentId: appointmentIdOf(change.mpan, change.appointment), mdrMpid: change.mdr, effectiveFrom: change.effectiveFrom, sequence },
      };
    case 'CONSENT_CHANGES':
      return { definition: CONSENT_CHANGED, body: { mpan: change.mpan, status: change.consent, effectiveFrom: change.effectiveFrom, sequence } };
    case 'METER_EXCHANGED':
      return { definition: DEVICE_COMMISSIONED, body: deviceOf({ ...change, sequence }) };
    case 'CHANGE_OF_SUPPLIER':
      return {
        definition: SUPPLIER_REGISTERED,
        body: { mpan: change.mpan, registrationId: `REG-${change.mpan}-2`, supplierMpid: change.supplier, effectiveFrom: change.effectiveFrom, mdrAppointmentRetained: change.mdrRetained, sequence },
      };
  }
}
