import { heapByKind } from './heap-snapshot-summary';

describe('a heap snapshot by kind of object', () => {
  it('adds up each constructor’s instances and each other type’s, largest first', () => {
    const snapshot = {
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size'], node_types: [['hidden', 'array', 'string', 'object', 'closure']] as [string[]] } },
      strings: ['ReadResult', 'a long string', 'handleBatch', 'Map'],
      // type, name, id, self_size
      nodes: [3, 0, 1, 100, 3, 0, 2, 100, 2, 1, 3, 500, 4, 2, 4, 32, 3, 3, 5, 40, 1, 1, 6, 60],
    };
    expect(heapByKind(snapshot)).toEqual([
      { name: '(string)', count: 1, bytes: 500 },
      { name: 'ReadResult (object)', count: 2, bytes: 200 },
      { name: '(array)', count: 1, bytes: 60 },
      { name: 'Map (object)', count: 1, bytes: 40 },
      { name: 'handleBatch (closure)', count: 1, bytes: 32 },
    ]);
  });
});
