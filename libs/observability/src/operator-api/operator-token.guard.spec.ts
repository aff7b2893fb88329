import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createJsonLogger } from '../logging/json-logger';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { ObservabilityModule } from '../observability.module';

@Controller('audit')
class AuditLikeController {
  @Get()
  decisions(): { decisions: number } {
    return { decisions: 3 };
  }
}

const TOKEN = 'operator-token-0123456789abcdef0123456789';

async function serve(operatorApiTokens: string[]): Promise<{ app: INestApplication; url: string }> {
  @Module({
    imports: [ObservabilityModule.forRoot({ registry: createMetricsRegistry('guard-test'), logger: createJsonLogger('guard-test', 'fatal'), operatorApiTokens })],
    controllers: [AuditLikeController],
  })
  class AppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('the operator API token', () => {
  let closed: { app: INestApplication; url: string };

  beforeAll(async () => {
    closed = await serve([TOKEN]);
  });

  afterAll(() => closed.app.close());

  it('refuses a data endpoint without the token, or with a wrong one, and answers with it', async () => {
    const without = await fetch(`${closed.url}/audit`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toContain('Bearer');
    expect(await without.json()).toMatchObject({ reasonCode: 'UNAUTHENTICATED' });
    expect((await fetch(`${closed.url}/audit`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const withToken = await fetch(`${closed.url}/audit`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toEqual({ decisions: 3 });
  });

  it('leaves health and metrics open for probes and Prometheus', async () => {
    expect((await fetch(`${closed.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${closed.url}/metrics`)).status).toBe(200);
  });

  it('is open with no tokens configured (development)', async () => {
    const open = await serve([]);
    try {
      expect((await fetch(`${open.url}/audit`)).status).toBe(200);
    } finally {
      await open.app.close();
    }
  });
});
