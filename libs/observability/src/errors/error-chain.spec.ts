import { anyTransient, errorChain } from './error-chain';

describe('errorChain', () => {
  it('follows causes and TypeORM driver errors outermost first, and stops on a cycle', () => {
    const root = Object.assign(new Error('root'), { code: '57P01' });
    const driverWrapped = Object.assign(new Error('query failed'), { driverError: root });
    const outer = new Error('batch failed', { cause: driverWrapped });
    expect(errorChain(outer)).toEqual([outer, driverWrapped, root]);
    const looped = new Error('a') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(errorChain(looped)).toEqual([looped]);
    expect(errorChain(undefined)).toEqual([]);
  });

  it('makes one test of several', () => {
    const test = anyTransient([(e) => e === 'a', (e) => e === 'b']);
    expect([test('a'), test('b'), test('c')]).toEqual([true, true, false]);
  });
});
