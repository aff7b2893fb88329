import { areaOf, CpuProfile, summariseProfile } from './cpu-profile-summary';

const frame = (id: number, functionName: string, url = '', lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

describe('CPU profile summary', () => {
  const profile: CpuProfile = {
    nodes: [
      frame(1, '(root)'),
      frame(2, '(idle)'),
      frame(3, 'decode', 'file:///repo/node_modules/kafkajs/src/protocol/decoder.js', 9),
      frame(4, 'validate', 'file:///repo/node_modules/class-validator/cjs/validation/ValidationExecutor.js', 41),
      frame(5, 'decide', 'file:///repo/dist/apps/access-control/src/decide.js', 2),
      frame(6, '(garbage collector)'),
    ],
    startTime: 0,
    endTime: 10_000,
    // idle 5 ms, kafkajs 2 ms, class-validator 1.5 ms, ours 1 ms, GC 0.5 ms
    samples: [2, 3, 4, 5, 3, 6, 4, 2],
    timeDeltas: [4000, 1000, 1000, 1000, 1000, 500, 500, 1000],
  };

  it('gives each sample’s time to the frame on top, leaves idle out, and ranks functions and areas by self time', () => {
    const summary = summariseProfile(profile);
    expect(summary.busyMs).toBe(5);
    expect(summary.topFunctions.map((f) => [f.name, f.ms])).toEqual([
      ['decode node_modules/kafkajs/src/protocol/decoder.js:10', 2],
      ['validate node_modules/class-validator/cjs/validation/ValidationExecutor.js:42', 1.5],
      ['decide apps/access-control/src/decide.js:3', 1],
      ['(garbage collector)', 0.5],
    ]);
    expect(summary.topAreas.map((a) => [a.name, a.share])).toEqual([['kafkajs', 0.4], ['class-validator', 0.3], ['apps/access-control', 0.2], ['(garbage collector)', 0.1]]);
  });

  it('keeps only the top entries asked for', () => {
    expect(summariseProfile(profile, 2).topFunctions).toHaveLength(2);
  });

  it('names the area of scoped packages, node internals and code outside any package', () => {
    expect(areaOf('file:///x/node_modules/@nestjs/core/router.js', 'f')).toBe('@nestjs/core');
    expect(areaOf('node:internal/streams/readable', 'f')).toBe('node:internal');
    expect(areaOf('file:///repo/dist/libs/kafka/src/consumer/batch-consumer.js', 'f')).toBe('libs/kafka');
    expect(areaOf('', '(program)')).toBe('(program)');
    expect(areaOf('', 'writev')).toBe('(native)');
  });
});
