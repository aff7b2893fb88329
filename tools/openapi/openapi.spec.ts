import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR, OPENAPI_SERVICES, openApiOf, openApiText } from './openapi-documents';

const root = join(__dirname, '..', '..');

describe('the OpenAPI documents in docs/openapi', () => {
  it.each(OPENAPI_SERVICES)('are what the code of %s says (npm run openapi writes them)', async (service) => {
    const document = await openApiOf(service);
    expect(readFileSync(join(root, OPENAPI_DIR, `${service}.json`), 'utf8')).toBe(openApiText(document));
  });

  it('describe the report APIs, the audit export and the console’s API', async () => {
    expect(Object.keys((await openApiOf('scheduler')).paths)).toEqual(expect.arrayContaining(['/reports/days/{day}', '/reports/days/{day}/users', '/plans/{date}', '/forecast']));
    expect(Object.keys((await openApiOf('access-control')).paths)).toEqual(expect.arrayContaining(['/audit', '/audit/export', '/reports/days/{date}']));
    expect(Object.keys((await openApiOf('dip-forwarder')).paths)).toEqual(expect.arrayContaining(['/deliveries/days/{date}']));
    expect(Object.keys((await openApiOf('operator-console')).paths)).toEqual(expect.arrayContaining(['/api/days/{day}', '/api/today']));
  });
});
