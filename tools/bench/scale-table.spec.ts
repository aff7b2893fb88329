import { ScaleEntry, scaleTable } from './scale-table';

const AMD = { cores: 2, cpu: 'AMD EPYC', memoryGiB: 24 };
const INTEL = { cores: 2, cpu: 'Intel(R) Xeon(R) Processor', memoryGiB: 24 };

function run(mpanDays: number, rate: number, overrides: Partial<ScaleEntry> = {}): ScaleEntry {
  return {
    at: '2026-12-07T08:00:00.000Z', commit: `c${rate}`, machine: AMD, mpanDays, mpanDaysPerSecond: rate, checks: { deliveries: true, responses: true },
    peakRssMb: { scheduler: rate / 4, 'dip-simulator': 900 }, bytesPerMpanDay: { steady: 2000, onDisk: 3000 }, cpuMsPerMpanDay: 1.5, ...overrides,
  };
}

describe('the bench’s figures side by side by size', () => {
  it('shows the latest good run of each size on this machine in one shape, Halfhour’s services only', () => {
    const table = scaleTable([run(20_000, 900), run(20_000, 800), run(200_000, 1000), run(200_000, 1200, { checks: { deliveries: false, responses: true } }),
      run(1_000_000, 950, { machine: INTEL }), run(1_000_000, 700, { profiled: true }), run(1_000_000, 640, { shape: { replicas: 2, brokers: 3 } }),
      run(1_000_000, 620, { shape: { replicas: 1, brokers: 1, nodeOptions: '--max-old-space-size=160' } })], AMD);
    expect(table[0]).toMatch(/MPAN-days\s+20,000\s+200,000\s+1,000,000$/);
    expect(table[1]).toMatch(/MPAN-days\/s end to end\s+800\s+1000\s+–$/);
    expect(table[2]).toMatch(/CPU ms per MPAN-day\s+1\.50\s+1\.50\s+–$/);
    expect(table.find((line) => line.startsWith('peak RSS MB, scheduler'))).toMatch(/200\s+250\s+–$/);
    expect(table.join('\n')).not.toMatch(/dip-simulator/);
    expect(table.at(-1)).toBe('runs: 20,000 at c800 (2026-12-07T08:00), 200,000 at c1000 (2026-12-07T08:00)');
  });

  it('shows nothing with fewer than two sizes to compare', () => {
    expect(scaleTable([run(20_000, 900)], AMD)).toEqual([]);
  });
});
