import { logLevel } from 'kafkajs';
import { levelOf } from './kafka-client';

describe('kafkajs log levels', () => {
  const entry = (level: logLevel, error?: string) => ({ level, log: { message: 'Response Heartbeat(key: 12, version: 3)', timestamp: '', logger: 'kafkajs', ...(error ? { error } : {}) } });

  it('keeps real errors as errors and lowers routine consumer-group states to info', () => {
    expect(levelOf(entry(logLevel.ERROR, 'The group is rebalancing, so a rejoin is needed'))).toBe('info');
    expect(levelOf(entry(logLevel.ERROR, 'The group coordinator is not available'))).toBe('info');
    expect(levelOf(entry(logLevel.ERROR, 'The request included a message larger than the max message size the server will accept'))).toBe('error');
    expect(levelOf(entry(logLevel.ERROR))).toBe('error');
    expect(levelOf(entry(logLevel.WARN))).toBe('warn');
    expect(levelOf(entry(logLevel.INFO))).toBe('debug');
  });
});
