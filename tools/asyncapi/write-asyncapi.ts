import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_PATH, renderAsyncApi } from '@halfhour/contracts';

const root = join(__dirname, '..', '..');
const { version } = require(join(root, 'package.json')) as { version: string };
writeFileSync(join(root, ASYNCAPI_PATH), renderAsyncApi(version));
console.log(`wrote ${ASYNCAPI_PATH}`);
