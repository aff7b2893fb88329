// Integration tests wait on a real broker's group joins and rebalances; Jest's 5 s default is too short.
jest.setTimeout(120_000);
