import { GaugeOwnership } from '@halfhour/persistence';
import { Gauge, Registry } from 'prom-client';

const ownerGauges = new WeakMap<Registry, Gauge<'gauges'>>();

function ownerGaugeOf(registry: Registry): Gauge<'gauges'> {
  let gauge = ownerGauges.get(registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'halfhour_database_gauges_owner',
      help: 'Whether this replica reports the named gauges counted from the database (1) or leaves them to the replica that owns them (0).',
      labelNames: ['gauges'],
      registers: [registry],
    });
    ownerGauges.set(registry, gauge);
  }
  return gauge;
}

/**
 * Gauges counted from the database, reported by one replica (GaugeOwnership): `measure` runs only
 * on the owner; every other replica clears them, so a sum over replicas is the figure once and
 * an alert on them fires once. `halfhour_database_gauges_owner` says which replica it is.
 */
export class OwnedGauges {
  private readonly owner: Gauge<'gauges'>;

  constructor(
    private readonly ownership: Pick<GaugeOwnership, 'owns'>,
    registry: Registry,
    private readonly name: string,
    private readonly clear: () => void,
  ) {
    this.owner = ownerGaugeOf(registry);
    this.owner.set({ gauges: name }, 0);
  }

  /** Measures when this replica owns the gauges; clears them when it does not. Says whether it measured. */
  async measure(measure: () => Promise<unknown>): Promise<boolean> {
    const owns = await this.ownership.owns();
    this.owner.set({ gauges: this.name }, owns ? 1 : 0);
    if (!owns) {
      this.clear();
      return false;
    }
    await measure();
    return true;
  }
}
