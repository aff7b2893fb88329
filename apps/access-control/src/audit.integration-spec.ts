import { parse } from 'csv-parse/sync';
import { operatorHeaders } from '@halfhour/testing';
import { Client } from 'pg';
import { AccessTestBed } from '../test/access-test-bed';

const DAY = '2026-12-02';
const USER = '90-B3-D5-1F-30-00-00-0A';
const OTHER = '90-B3-D5-1F-30-00-00-0B';
const DECISIONS = 12_345;

/**
 * The audit export (R-ACL-7) on the real service and database: a day's decisions paged by cursor
 * with nothing missed or repeated, filtered, and streamed whole as NDJSON and CSV.
 */
describe('the access audit: paging and export', () => {
  let bed: AccessTestBed;
  const get = async (path: string) => fetch(`${bed.service.baseUrl}${path}`, { headers: operatorHeaders('read') });

  beforeAll(async () => {
    bed = await new AccessTestBed().setUp();
    await bed.service.start();
    // A busy day seeded straight into the audit: every 7th refused E31, every 5th another user's, a few the day before and after; ties in time on purpose.
    const db = new Client({ connectionString: bed.database.url });
    await db.connect();
    await db.query(
      `INSERT INTO access_decisions (message_id, request_id, user_id, role, srv, mpan, authorised, reason, response_code, message, decided_at,
         matrix_version, trt_policy, registry_version, output)
       SELECT 'm-' || g, 'r-' || g, CASE WHEN g % 5 = 0 THEN $2 ELSE $1 END, 'MDR', '4.8.1', '1200000000016', g % 7 <> 0,
         CASE WHEN g % 7 = 0 THEN 'NOT_APPOINTED_MDR' END, CASE WHEN g % 7 = 0 THEN 'E31' ELSE 'I0' END, 'decided, "as ever"',
         $3::timestamptz + (g / 3) * interval '5 seconds', 'v1', 'BOTH', 1, '{"kind":"response","messageId":"o","body":{}}'
       FROM generate_series(1, $4::int) g`,
      [USER, OTHER, `${DAY}T00:00:00Z`, DECISIONS],
    );
    await db.query(`UPDATE access_decisions SET decided_at = decided_at - interval '2 days' WHERE message_id IN ('m-1', 'm-2')`);
    await db.end();
  });

  afterAll(() => bed.tearDown());

  it('pages a user’s day newest first by cursor: every decision once, none from another user or day', async () => {
    const seen: { messageId: string; decidedAt: string; userId: string }[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const body = (await (await get(`/audit?userId=${USER}&day=${DAY}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { decisions: typeof seen; nextCursor: string | null };
      seen.push(...body.decisions);
      cursor = body.nextCursor;
      pages++;
    }
    const expected = Array.from({ length: DECISIONS }, (_, i) => i + 1).filter((g) => g % 5 !== 0 && g > 2).length;
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((d) => d.messageId)).size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 1000));
    expect(seen.every((d) => d.userId === USER)).toBe(true);
    expect(seen.map((d) => d.decidedAt)).toEqual(seen.map((d) => d.decidedAt).sort().reverse());

    const refused = (await (await get(`/audit?day=${DAY}&decision=E31&limit=1000`)).json()) as { decisions: { responseCode: string }[] };
    expect(refused.decisions.length).toBeGreaterThan(0);
    expect(refused.decisions.every((d) => d.responseCode === 'E31')).toBe(true);
    expect((await get('/audit?cursor=nonsense')).status).toBe(400);
  });

  it('counts the day’s decisions and refusals by code for the transparency report', async () => {
    const refusedThatDay = Array.from({ length: DECISIONS }, (_, i) => i + 1).filter((g) => g % 7 === 0).length;
    const report = (await (await get(`/reports/days/${DAY}`)).json()) as { decisions: number; authorised: number; refusalsByCode: Record<string, number>; refusals: object[] };
    expect(report).toMatchObject({ decisions: DECISIONS - 2, authorised: DECISIONS - 2 - refusedThatDay, refusalsByCode: { E31: refusedThatDay } });
    expect(report.refusals).toEqual([{ responseCode: 'E31', reason: 'NOT_APPOINTED_MDR', role: 'MDR', decisions: refusedThatDay }]);
    expect((await get('/reports/days/2026-12-32')).status).toBe(400);
  });

  it('streams a whole day oldest first as NDJSON, and as CSV with the same rows', async () => {
    const ndjson = await get(`/audit/export?day=${DAY}`);
    expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await ndjson.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { messageId: string; decidedAt: string });
    expect(lines).toHaveLength(DECISIONS - 2);
    expect(new Set(lines.map((d) => d.messageId)).size).toBe(DECISIONS - 2);
    expect(lines.map((d) => d.decidedAt)).toEqual(lines.map((d) => d.decidedAt).sort());

    const csv = await get(`/audit/export?day=${DAY}&format=csv&decision=refused`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="audit-${DAY}.csv"`);
    const [header, ...rows] = parse(await csv.text()) as string[][];
    const refusedThatDay = Array.from({ length: DECISIONS }, (_, i) => i + 1).filter((g) => g % 7 === 0).length;
    expect(rows).toHaveLength(refusedThatDay);
    expect(rows.every((row) => row[header.indexOf('authorised')] === 'false' && row[header.indexOf('message')] === 'decided, "as ever"')).toBe(true);
    expect((await get('/audit/export?format=csv')).status).toBe(400);
  });
});
