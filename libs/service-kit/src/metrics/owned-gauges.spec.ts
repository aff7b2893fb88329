import { Gauge, Registry } from 'prom-client';
import { OwnedGauges } from './owned-gauges';

describe('gauges counted from the database, reported by one replica', () => {
  it('measures on the owner, clears on the others, and says which it is', async () => {
    const replicas = [true, false].map((owner) => {
      const registry = new Registry();
      const backlog = new Gauge({ name: 'halfhour_test_backlog_items', help: 'x', registers: [registry] });
      backlog.set(7); // left from when this replica owned them
      const gauges = new OwnedGauges({ owns: async () => owner }, registry, 'test gauges', () => backlog.reset());
      return { registry, gauges, backlog };
    });
    const measured = await Promise.all(replicas.map((r) => r.gauges.measure(async () => r.backlog.set(42))));
    expect(measured).toEqual([true, false]);
    const values = await Promise.all(replicas.map(async (r) => (await r.backlog.get()).values.reduce((n, v) => n + v.value, 0)));
    expect(values).toEqual([42, 0]);
    const owners = await Promise.all(replicas.map(async (r) => (await r.registry.getSingleMetric('halfhour_database_gauges_owner')!.get()).values[0].value));
    expect(owners).toEqual([1, 0]);
  });
});
