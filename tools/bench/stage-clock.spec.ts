import { StageClock } from './stage-clock';

describe('stage clock', () => {
  it('measures a stage from the sample before its first rise to its last rise, ignoring idle time on either side', () => {
    const clock = new StageClock();
    const samples = [0, 0, 0, 100, 300, 500, 500, 500];
    samples.forEach((value, second) => clock.sample({ stage: value }, second * 1000));
    expect(clock.rates().stage).toEqual({ count: 500, seconds: 3, perSecond: 500 / 3, secondsTo95: 3 });
  });

  it('reports nothing done for a stage that never moved', () => {
    const clock = new StageClock();
    [5, 5, 5].forEach((value, second) => clock.sample({ idle: value }, second * 1000));
    expect(clock.rates().idle).toEqual({ count: 0, seconds: 0, perSecond: 0, secondsTo95: 0 });
  });

  it('shows a long tail: most of the work done early, the last of it much later', () => {
    const clock = new StageClock();
    [0, 900, 960, 960, 960, 960, 960, 960, 960, 1000].forEach((value, second) => clock.sample({ stage: value }, second * 1000));
    expect(clock.rates().stage).toMatchObject({ count: 1000, seconds: 9, secondsTo95: 2 });
    expect(clock.csv().split('\n').slice(0, 3)).toEqual(['seconds,stage', '0.0,0', '1.0,900']);
  });
});
