import { Writable } from 'node:stream';
import { createJsonLogger } from './json-logger';
import { runWithLogContext } from './log-context';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe('JSON logger', () => {
  it('writes one JSON object per line with service, level word and the current correlation ID', () => {
    const { lines, stream } = capture();
    const logger = createJsonLogger('registration-intake', 'info', stream);
    runWithLogContext({ correlationId: 'corr-1' }, () => logger.info({ mpan: '1200001234566' }, 'handled'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      level: 'info', service: 'registration-intake', correlationId: 'corr-1', mpan: '1200001234566', msg: 'handled',
    });
    expect(typeof lines[0].time).toBe('string');
    expect(lines[1].correlationId).toBeUndefined();
  });
});
