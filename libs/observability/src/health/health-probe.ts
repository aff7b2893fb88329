export interface ProbeResult {
  healthy: boolean;
  detail?: Record<string, unknown>;
}

/** One dependency or internal component whose state decides liveness or readiness. */
export interface HealthProbe {
  readonly name: string;
  check(): ProbeResult | Promise<ProbeResult>;
}

/**
 * Where libraries register what /health/live and /health/ready check. Liveness probes must
 * reflect the process's own state (a consumer that crashed for good), never a dependency's:
 * restarting a pod does not bring Kafka back. Readiness may check dependencies.
 */
export class HealthRegistry {
  private readonly livenessProbes: HealthProbe[] = [];
  private readonly readinessProbes: HealthProbe[] = [];

  addLiveness(probe: HealthProbe): void {
    this.livenessProbes.push(probe);
  }

  addReadiness(probe: HealthProbe): void {
    this.readinessProbes.push(probe);
  }

  get liveness(): readonly HealthProbe[] {
    return this.livenessProbes;
  }

  get readiness(): readonly HealthProbe[] {
    return this.readinessProbes;
  }
}
