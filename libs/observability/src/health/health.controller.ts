import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthProbe, HealthRegistry } from './health-probe';
import { OpenEndpoint } from '../operator-api/operator-token.guard';

const PROBE_TIMEOUT_MS = 3_000;

@OpenEndpoint()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check(this.registry.liveness.map((probe) => () => this.run(probe)));
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.registry.readiness.map((probe) => () => this.run(probe)));
  }

  private async run(probe: HealthProbe): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(probe.name);
    try {
      const result = await withTimeout(Promise.resolve(probe.check()), PROBE_TIMEOUT_MS);
      return result.healthy ? session.up(result.detail) : session.down(result.detail);
    } catch (error) {
      return session.down({ error: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
