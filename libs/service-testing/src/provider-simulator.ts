import { ServiceUnderTest } from '@halfhour/testing';

/** The SIMULATED providers (apps/provider-simulator) as a process, with its control API. */
export class ProviderSimulator {
  readonly process = new ServiceUnderTest('apps/provider-simulator/src/main.ts', { PROVIDERS: 'CSP-NORTH,CSP-CENTRAL,CSP-SOUTH,S1SP-A,S1SP-B' });

  async start(): Promise<this> {
    await this.process.start();
    return this;
  }

  get baseUrl(): string {
    return this.process.baseUrl;
  }

  async behave(provider: string, changes: object, deviceId?: string): Promise<void> {
    const path = deviceId ? `/providers/${provider}/meters/${deviceId}/behaviour` : `/providers/${provider}/behaviour`;
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(changes) });
    if (!response.ok) throw new Error(`simulator refused ${path}: ${response.status}`);
  }

  async stats(provider: string): Promise<{ reads: number; answered: number; failed: number; throttled: number; timedOut: number; partial: number }> {
    return (await fetch(`${this.baseUrl}/providers/${provider}/stats`)).json() as never;
  }

  stop(): Promise<unknown> {
    return this.process.stop('SIGTERM');
  }
}
