import { BadRequestException, Body, Controller, Get, Inject, Put, Query } from '@nestjs/common';
import { SteppedClock } from '@halfhour/domain';
import { processWork, WorkStatus } from './work-monitor';
import { OpenEndpoint } from '../operator-api/operator-token.guard';

export const STEPPED_CLOCK = Symbol('STEPPED_CLOCK');

/** The longest a runner may ask a process to wait for quiet before it answers. */
const MAX_QUIET_WAIT_MS = 10_000;

export interface SimulationClockState extends WorkStatus {
  now: string;
}

/**
 * Mounted only when the service runs on a stepped clock (CLOCK_MODE=stepped, never in production):
 * the simulation runner reads whether the process has settled and moves its clock forward.
 */
@OpenEndpoint()
@Controller('simulation/clock')
export class SimulationClockController {
  constructor(@Inject(STEPPED_CLOCK) private readonly clock: SteppedClock) {}

  /** `?waitMs=N`: answers once the process has gone quiet (work done, tasks idle), or after N ms. */
  @Get()
  async state(@Query('waitMs') waitMs?: string): Promise<SimulationClockState> {
    await this.waitForQuiet(waitMs);
    return this.stateNow();
  }

  /**
   * Moves the clock to `now` (never back); every task looks again at once. With `runFreely`, the
   * clock then runs on by itself from `now` at `speed`, as from the real instant `realOrigin`
   * (once; asked again, it answers as it stands). Answers as GET does, `waitMs` included.
   */
  @Put()
  async advance(@Body() body: { now?: unknown; runFreely?: { realOrigin?: unknown; speed?: unknown } }, @Query('waitMs') waitMs?: string): Promise<SimulationClockState> {
    const instant = typeof body?.now === 'string' ? new Date(body.now) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) throw new BadRequestException('body must be {"now": "<UTC instant>"}');
    const run = body.runFreely === undefined ? undefined : freeRunOf(body.runFreely);
    let changed = this.clock.advanceTo(instant);
    if (run && !this.clock.isRunningFreely) {
      try {
        this.clock.runFreely(run.realOrigin, run.speed);
        // Tasks keep their own intervals from now on, as on an accelerated clock: a benchmark measures what production does.
        processWork.promptTasks = false;
      } catch (error) {
        throw new BadRequestException(error instanceof Error ? error.message : String(error));
      }
      changed = true;
    }
    if (changed) processWork.changed();
    await this.waitForQuiet(waitMs);
    return this.stateNow();
  }

  private async waitForQuiet(waitMs: string | undefined): Promise<void> {
    const wait = waitMs === undefined ? 0 : Number(waitMs);
    if (!Number.isInteger(wait) || wait < 0) throw new BadRequestException('waitMs must be a whole number of milliseconds');
    if (wait > 0) await processWork.whenQuiet(Math.min(wait, MAX_QUIET_WAIT_MS));
  }

  private async stateNow(): Promise<SimulationClockState> {
    return { now: this.clock.now().toISOString(), ...(await processWork.status()) };
  }
}

function freeRunOf(run: { realOrigin?: unknown; speed?: unknown }): { realOrigin: Date; speed: number } {
  const realOrigin = typeof run?.realOrigin === 'string' ? new Date(run.realOrigin) : undefined;
  const speed = run?.speed;
  if (!realOrigin || Number.isNaN(realOrigin.getTime()) || typeof speed !== 'number' || !(speed > 0)) {
    throw new BadRequestException('runFreely must be {"realOrigin": "<UTC instant>", "speed": <simulated ms per real ms, above 0>}');
  }
  return { realOrigin, speed };
}
