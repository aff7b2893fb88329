import { planFaults, processOf, SERVICES } from './fault-plan';

describe('the chaos campaign’s faults', () => {
  it('are the same for the same seed and size, and differ with the seed', () => {
    expect(planFaults(7, 'full')).toEqual(planFaults(7, 'full'));
    expect(planFaults(7, 'full')).not.toEqual(planFaults(8, 'full'));
  });

  it('kill and drain every service in the full campaign, and come in the order of the day', () => {
    const faults = planFaults(162, 'full');
    const killed = new Set(faults.flatMap((f) => (f.kind === 'kill' ? [f.service] : [])));
    const drained = new Set(faults.flatMap((f) => (f.kind === 'drain' ? [f.service] : [])));
    expect(killed).toEqual(new Set(SERVICES));
    expect(drained).toEqual(new Set(SERVICES));
    expect(faults.map((f) => f.hour)).toEqual([...faults.map((f) => f.hour)].sort((a, b) => a - b));
    expect(faults.map((f) => f.kind)).toEqual(expect.arrayContaining(['broker-restart', 'postgres-outage', 'dip-down', 'dip-rate-limited', 'malformed', 'overload']));
  });

  it('fall within the collection day, random ones in the reading hours, outages ending after they begin', () => {
    for (const seed of [1, 2, 3, 162, 4_000_000_000]) {
      for (const fault of [...planFaults(seed, 'full'), ...planFaults(seed, 'small')]) {
        expect(fault.hour).toBeGreaterThanOrEqual(0);
        expect(fault.hour).toBeLessThan(24);
        if ('untilHour' in fault) expect(fault.untilHour).toBeGreaterThan(fault.hour);
        if ('afterMs' in fault) expect(fault.afterMs).toBeLessThan(400);
      }
    }
  });

  it('is smaller in its small size: fewer kills, no broker restart, fewer malformed messages', () => {
    const small = planFaults(7, 'small');
    expect(small.filter((f) => f.kind === 'kill').length).toBeLessThan(planFaults(7, 'full').filter((f) => f.kind === 'kill').length);
    expect(small.some((f) => f.kind === 'broker-restart')).toBe(false);
    expect(small.find((f) => f.kind === 'malformed')).toMatchObject({ perTopic: 50 });
  });

  it('are, on one process each and one broker, the campaign npm test has always run', () => {
    const stops = planFaults(11, 'small').flatMap((f) => (f.kind === 'kill' || f.kind === 'drain' ? [`${f.kind} ${f.service} +${f.afterMs}`] : []));
    expect(stops).toEqual([
      'kill scheduler +204', 'kill adapter-smets2 +211', 'kill dip-forwarder +243', 'drain registration-intake +71',
      'kill access-control +236', 'kill adapter-smets1 +180', 'kill adapter-smets1 +32',
    ]);
  });

  it('stop one replica of several, chosen by the seed, roll every replica out, and lose and restart brokers of a cluster', () => {
    const shape = { replicas: 2, brokers: 3 } as const;
    const full = planFaults(162, 'full', shape);
    const stopped = full.flatMap((f) => (f.kind === 'kill' || f.kind === 'drain' ? [processOf(f, shape)] : []));
    expect(new Set(stopped.map((name) => name.replace(/^(.*)-(\d+)$/, '$2')))).toEqual(new Set(['1', '2']));
    expect(full.map((f) => f.kind)).toEqual(expect.arrayContaining(['rollout', 'broker-kill', 'broker-roll']));
    expect(full.some((f) => f.kind === 'broker-restart')).toBe(false);
    expect(full.find((f) => f.kind === 'broker-kill')).toMatchObject({ hour: 10.5, untilHour: 10.5 + 1 / 6 });

    const small = planFaults(11, 'small', shape).map((f) => f.kind);
    expect(small).toContain('broker-kill');
    expect(small).not.toContain('rollout');
    expect(processOf({ service: 'scheduler', replica: 1 }, { replicas: 1, brokers: 1 })).toBe('scheduler');
  });
});
