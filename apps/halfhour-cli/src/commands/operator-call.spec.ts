import { operatorCallOf, replayRequestOf } from './operator-call';

describe('operator commands', () => {
  it('say which service is asked what, with who and why for its audit', () => {
    expect(operatorCallOf('replan', ['--day', '2026-12-01', '--reason', 'capacity restored'])).toEqual({
      service: 'scheduler', path: '/plans/2026-12-01/replan', body: { reason: 'capacity restored' },
    });
    expect(operatorCallOf('redeliver', ['--day', '2026-11-21', '--reason', 'the DIP lost it'])).toEqual({
      service: 'dip-forwarder', path: '/deliveries/redeliver', body: { settlementDate: '2026-11-21', reason: 'the DIP lost it' },
    });
    expect(operatorCallOf('resend-refused', ['--reason', 'MPANs registered now']).body).toEqual({ reason: 'MPANs registered now' });
    // Who asked is the token's name: a body cannot claim it.
    expect(() => operatorCallOf('replan', ['--day', '2026-12-01', '--reason', 'x', '--by', 'someone-else'])).toThrow(/Unknown option/);
  });

  it('refuse what is not a command before anything is sent: a bad or missing day, no reason, an unknown or value-less option', () => {
    expect(() => operatorCallOf('replan', ['--day', '2026-02-30', '--reason', 'x'])).toThrow(/YYYY-MM-DD/);
    expect(() => operatorCallOf('redeliver', ['--reason', 'x'])).toThrow(/needs --day/);
    expect(() => operatorCallOf('replan', ['--day', '2026-12-01'])).toThrow(/--reason is required/);
    expect(() => operatorCallOf('replan', ['--day', '2026-12-01', '--reason', 'x', '--force'])).toThrow(/Unknown option/);
    expect(() => operatorCallOf('replan', ['--day', '2026-12-01', '--reason'])).toThrow(/argument missing/);
  });

  it('replay a dead-letter topic only when it is one, with a reason', () => {
    expect(replayRequestOf(['--topic', 'css.registrations.1.dlq', '--reason-code', 'UNKNOWN_MPAN', '--reason', 'registered now', '--by', 'ops'])).toEqual({
      deadLetterTopic: 'css.registrations.1.dlq', reasonCode: 'UNKNOWN_MPAN', requestedBy: 'ops', reason: 'registered now',
    });
    expect(() => replayRequestOf(['--topic', 'css.registrations.1', '--reason', 'x'])).toThrow(/dead-letter topic/);
    expect(() => replayRequestOf(['--topic', 'css.registrations.1.dlq'])).toThrow(/--reason is required/);
  });
});
