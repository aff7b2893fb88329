import { DEFAULT_CSP_REGION_BY_DISTRIBUTOR, mpanCoreFrom } from '@halfhour/domain';
import { PopulationSettings, SIMULATED_MDRS, SIMULATED_S1SPS, SIMULATED_SUPPLIERS, SimulatedMeter } from './population';
import { SeededRandom } from './seeded-random';

/** The meter of the population's `index`th MPAN, drawn with the settings' shares. */
export function simulatedMeter(index: number, random: SeededRandom, settings: Omit<PopulationSettings, 'mpans' | 'dataDay' | 'seed'>): SimulatedMeter {
  const distributor = random.pick(Object.keys(DEFAULT_CSP_REGION_BY_DISTRIBUTOR));
  const smets1 = random.chance(settings.smets1Share);
  const mdrCollected = random.chance(settings.mdrShare);
  const optedOut = !mdrCollected && random.chance(settings.optedOutShare / (1 - settings.mdrShare));
  return {
    mpan: mpanCoreFrom(distributor, String(index).padStart(10, '0')),
    deviceId: deviceIdOf(index),
    generation: smets1 ? 1 : 2,
    provider: smets1 ? { kind: 'S1SP', s1spId: random.pick(SIMULATED_S1SPS) } : { kind: 'CSP', region: DEFAULT_CSP_REGION_BY_DISTRIBUTOR[distributor] },
    direction: random.chance(settings.exportShare) ? 'EXPORT' : 'IMPORT',
    supplier: random.pick(SIMULATED_SUPPLIERS),
    ...(mdrCollected ? { mdr: random.pick(SIMULATED_MDRS) } : {}),
    consent: optedOut ? 'DOMESTIC_OPTED_OUT' : random.chance(0.1) ? 'DOMESTIC_LEGACY_OPTED_IN' : 'DOMESTIC_OPTED_IN',
  };
}

/** An EUI-64 from the meter's index. */
export function deviceIdOf(index: number): string {
  const bytes = index.toString(16).padStart(12, '0').toUpperCase().match(/../g)!;
  return ['00', 'DB', ...bytes].join('-');
}
