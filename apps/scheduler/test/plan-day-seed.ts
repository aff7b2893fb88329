import { addDays } from '@halfhour/domain';
import { DataSource } from 'typeorm';

const SEED_CHUNK = 250_000;

/**
 * A plan day's input, made by PostgreSQL alone (generate_series), a chunk of MPANs per statement:
 * for each of `mpans` MPANs its timeline in the registry view (an MDR appointed, a supplier
 * registered, consent, a meter behind one of four providers) and an MDR's daily schedule; every
 * tenth MPAN also a supplier's schedule of the same data, which collect once merges.
 */
export async function seedPlanDay(dataSource: DataSource, mpans: number, planDay: string): Promise<void> {
  const dataDay = addDays(planDay, -1);
  for (let from = 0; from < mpans; from += SEED_CHUNK) {
    const range = [from, Math.min(mpans, from + SEED_CHUNK) - 1];
    await dataSource.query(
      `INSERT INTO registry_view (mpan, version, timeline, source_updated_at, received_at)
       SELECT m.mpan, 1, jsonb_build_object(
           'mpan', m.mpan,
           'mdrAppointments', jsonb_build_array(jsonb_build_object('mdrMpid', 'MDRA', 'appointmentId', 'A-' || m.mpan, 'from', '2026-01-01')),
           'suppliers', jsonb_build_array(jsonb_build_object('supplierMpid', 'SUPA', 'registrationId', 'R-' || m.mpan, 'from', '2026-01-01')),
           'consent', jsonb_build_array(jsonb_build_object('status', 'DOMESTIC_OPTED_IN', 'from', '2026-01-01')),
           'devices', jsonb_build_array(jsonb_build_object('deviceId', m.device, 'generation', CASE WHEN i % 4 = 3 THEN 1 ELSE 2 END, 'direction', 'IMPORT', 'from', '2025-01-01',
             'provider', CASE i % 4 WHEN 0 THEN '{"kind":"CSP","region":"NORTH"}'::jsonb WHEN 1 THEN '{"kind":"CSP","region":"CENTRAL"}'::jsonb
                                    WHEN 2 THEN '{"kind":"CSP","region":"SOUTH"}'::jsonb ELSE '{"kind":"S1SP","s1spId":"S1SP-A"}'::jsonb END))),
         '2026-11-01', now()
       FROM generate_series($1::int, $2::int) AS i,
         LATERAL (SELECT '14' || lpad(i::text, 11, '0') AS mpan, upper(regexp_replace(lpad(to_hex(i), 16, '0'), '(..)(?!$)', '\\1-', 'g')) AS device) AS m`,
      range,
    );
    await dataSource.query(
      `INSERT INTO schedules (dsp_schedule_id, user_id, mpid, role, mpan, device_id, srv, frequency, start_date, end_date, request_id, created_at, purpose)
       SELECT 'DSP-' || s.who || lpad(i::text, 14, '0'), s.user_id, s.mpid, s.role, '14' || lpad(i::text, 11, '0'),
         upper(regexp_replace(lpad(to_hex(i), 16, '0'), '(..)(?!$)', '\\1-', 'g')), '4.8.1', 'DAILY', $3::date, NULL, s.who || i, '2026-11-01', 'MHHS'
       FROM generate_series($1::int, $2::int) AS i
       JOIN (VALUES ('M', '00-00-00-00-00-00-AA-01', 'MDRA', 'MDR'), ('S', '00-00-00-00-00-00-BB-01', 'SUPA', 'IS')) AS s(who, user_id, mpid, role)
         ON s.who = 'M' OR i % 10 = 0`,
      [...range, addDays(dataDay, -30)],
    );
  }
  await dataSource.query('ANALYZE schedules; ANALYZE registry_view');
}
