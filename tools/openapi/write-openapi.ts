import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR, OPENAPI_SERVICES, openApiOf, openApiText } from './openapi-documents';

/** `npm run openapi`: writes each service's OpenAPI document to docs/openapi/, from the code. */
async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  mkdirSync(join(root, OPENAPI_DIR), { recursive: true });
  for (const service of OPENAPI_SERVICES) {
    writeFileSync(join(root, OPENAPI_DIR, `${service}.json`), openApiText(await openApiOf(service)));
    console.log(`wrote ${OPENAPI_DIR}/${service}.json`);
  }
}

void main();
