import { ScheduleRow } from '../src/schedules/schedule-repository';

/** ScheduleRepository.activeInPages over schedules in memory: running for the data day, a page of MPANs at a time in MPAN order after `afterMpan`. */
export async function* schedulePagesOf(schedules: readonly ScheduleRow[], dataDay: string, mpans: number, afterMpan = ''): AsyncGenerator<ScheduleRow[]> {
  const running = schedules
    .filter((s) => s.mpan > afterMpan && s.startDate <= dataDay && (s.endDate === null || s.endDate >= dataDay))
    .sort((a, b) => a.mpan.localeCompare(b.mpan) || a.dspScheduleId.localeCompare(b.dspScheduleId));
  const order = [...new Set(running.map((s) => s.mpan))];
  for (let i = 0; i < order.length; i += mpans) {
    const page = new Set(order.slice(i, i + mpans));
    yield running.filter((s) => page.has(s.mpan));
  }
}
