import { StageClock } from './stage-clock';

describe('stage clock', () => {
  it('measures a stage from the sample before its first rise to its last rise, ignoring idle time on either side', () => {
    const clock = new StageClock();
    const samples = [0, 0, 0, 100, 300, 500, 500, 500];
    samples.forEach((value, second) => clock.sample({ stage: value }, second * 1000));
    expect(clock.rates().stage).toEqual({ count: 500, seconds: 3, perSecond: 500 / 3 });
  });

  it('reports nothing done for a stage that never moved', () => {
    const clock = new StageClock();
    [5, 5, 5].forEach((value, second) => clock.sample({ idle: value }, second * 1000));
    expect(clock.rates().idle).toEqual({ count: 0, seconds: 0, perSecond: 0 });
  });
});
