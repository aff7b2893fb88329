import { findMpanCoreProblem, MpanOnDay, MpanTimeline, resolveMpanOnDay } from '@halfhour/domain';
import { BadRequestException, Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegistryRepository } from '../registry/registry.repository';
import { CalendarDatePipe } from '@halfhour/observability';

/** Operator API: what the registry holds for an MPAN, and what that means on a given day. */
@Controller('mpans')
export class MpanRegistryController {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':mpan')
  async timeline(@Param('mpan') mpan: string): Promise<{ version: number; timeline: MpanTimeline }> {
    const stored = await this.find(mpan);
    return { version: stored.version, timeline: stored.timeline };
  }

  @Get(':mpan/on/:date')
  async onDay(@Param('mpan') mpan: string, @Param('date', CalendarDatePipe) date: string): Promise<MpanOnDay> {
    return resolveMpanOnDay((await this.find(mpan)).timeline, date);
  }

  private async find(mpan: string) {
    const problem = findMpanCoreProblem(mpan);
    if (problem) throw new BadRequestException({ reasonCode: 'INVALID_MPAN', message: `"${mpan}" is not an MPAN core (${problem})` });
    const stored = (await this.registry.timelinesOf(this.dataSource, [mpan])).get(mpan);
    if (!stored) throw new NotFoundException({ reasonCode: 'UNKNOWN_MPAN', message: `the registry holds nothing for ${mpan}` });
    return stored;
  }
}
