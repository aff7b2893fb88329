import { BadRequestException, Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { SteppedClock } from '@halfhour/domain';
import { processWork, WorkStatus } from './work-monitor';

export const STEPPED_CLOCK = Symbol('STEPPED_CLOCK');

export interface SimulationClockState extends WorkStatus {
  now: string;
}

/**
 * Mounted only when the service runs on a stepped clock (CLOCK_MODE=stepped, never in production):
 * the simulation runner reads whether the process has settled and moves its clock forward.
 */
@Controller('simulation/clock')
export class SimulationClockController {
  constructor(@Inject(STEPPED_CLOCK) private readonly clock: SteppedClock) {}

  @Get()
  state(): Promise<SimulationClockState> {
    return this.stateNow();
  }

  /** Moves the clock to `now` (never back); every task looks again at once. */
  @Put()
  advance(@Body() body: { now?: unknown }): Promise<SimulationClockState> {
    const instant = typeof body?.now === 'string' ? new Date(body.now) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) throw new BadRequestException('body must be {"now": "<UTC instant>"}');
    if (this.clock.advanceTo(instant)) processWork.changed();
    return this.stateNow();
  }

  private async stateNow(): Promise<SimulationClockState> {
    return { now: this.clock.now().toISOString(), ...(await processWork.status()) };
  }
}
