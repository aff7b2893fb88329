import { parseDayOptions } from './day-options';

describe('npm start’s options', () => {
  it('take what they say', () => {
    const options = parseDayOptions(['--mpans', '300', '--day', '2026-12-02', '--days', '3', '--ramp', '10,20', '--day-seconds', '20.5', '--port-offset', '21000', '--no-progress-bars', '--replicas', '2', '--brokers', '3'], true);
    expect(options).toMatchObject({ mpans: 300, collectionDay: '2026-12-02', days: 3, ramp: { from: 0.1, to: 0.2 }, daySeconds: 20.5, portOffset: 21_000, progressBars: false, replicas: 2, brokers: 3 });
    expect(parseDayOptions([], false)).toMatchObject({ replicas: 1, brokers: 1 });
  });

  it.each([
    [['--day', '2026-02-30'], /--day must be a date YYYY-MM-DD, not "2026-02-30"/],
    [['--mpans'], /--mpans/],
    [['--mpans', '--keep-running'], /--mpans/],
    [['--mpans', '0x20'], /--mpans must be a whole number ≥ 10, not "0x20"/],
    [['--mpans', '1e3'], /--mpans must be a whole number/],
    [['--seed', '-1'], /--seed/],
    [['--days', '2', '--free-running'], /stepped clock only/],
    [['--replicas', '0'], /--replicas must be a whole number ≥ 1/],
    [['--replicas', '13'], /--replicas must be at most 12/],
    [['--brokers', '2'], /--brokers must be 1 .* or 3/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['300'], /Unexpected argument '300'/],
  ])('refuse %j, naming the option', (args, refusal) => {
    expect(() => parseDayOptions(args, false)).toThrow(refusal);
  });
});
