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
      level: 'info', service: 'registration-intake', correlationId: 'corr-1', mpan: '12***********', msg: 'handled',
    });
    expect(typeof lines[0].time).toBe('string');
    expect(lines[1].correlationId).toBeUndefined();
  });
});

describe('JSON logger, with MPANs', () => {
  it('masks every MPAN but its distributor ID, in fields, messages and errors, and leaves other numbers', () => {
    const { lines, stream } = capture();
    const logger = createJsonLogger('access-control', 'info', stream);
    logger.warn({ err: new Error('no timeline for 1400001234565'), key: '2200001234569', at: 1765080000001 }, 'refused 1200001234566, kept 1200001234567');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/1400001234565|2200001234569|1200001234566/);
    expect(lines[0]).toMatchObject({ key: '22***********', msg: 'refused 12***********, kept 1200001234567', at: 1765080000001 });
    expect((lines[0].err as { message: string }).message).toBe('no timeline for 14***********');
  });
});
