import { processNameOf } from './service-catalogue';
import { consoleEnvironment, replicaUrlsOf, stackEntries } from './stack-wiring';

describe('a local stack’s processes', () => {
  it('are one of each on the usual ports, moved by the offset', () => {
    const entries = stackEntries(1000);
    expect(entries.map(processNameOf)).toContain('scheduler');
    expect(entries.find((e) => e.name === 'scheduler')!.httpPort).toBe(9083);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
  });

  it('run each Halfhour service as replicas, 100 ports apart, and the console and simulators once', () => {
    const entries = stackEntries(0, 3);
    const schedulers = entries.filter((e) => e.name === 'scheduler');
    expect(schedulers.map((e) => [processNameOf(e), e.httpPort, e.database])).toEqual([
      ['scheduler-1', 8083, 'scheduler'], ['scheduler-2', 8183, 'scheduler'], ['scheduler-3', 8283, 'scheduler'],
    ]);
    for (const once of ['operator-console', 'provider-simulator', 'dip-simulator']) expect(entries.filter((e) => e.name === once)).toHaveLength(1);
    const ports = entries.map((e) => e.httpPort);
    expect(new Set(ports).size).toBe(ports.length);
    expect(replicaUrlsOf(entries)['dip-forwarder']).toEqual(['http://127.0.0.1:8086', 'http://127.0.0.1:8186', 'http://127.0.0.1:8286']);
    expect(consoleEnvironment(entries).METRICS_URLS.split(',')).toHaveLength(18);
  });

  it('refuse a number of replicas the autoscaler would not run', () => {
    expect(() => stackEntries(0, 0)).toThrow(/1 to 12/);
    expect(() => stackEntries(0, 13)).toThrow(/1 to 12/);
  });
});
