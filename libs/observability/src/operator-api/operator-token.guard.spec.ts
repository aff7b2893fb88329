import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createJsonLogger } from '../logging/json-logger';
import { createMetricsRegistry } from '../metrics/metrics-registry';
import { ObservabilityModule } from '../observability.module';
import { OperatorCredentials, OperatorIdentity } from './operator-credentials';
import { Operator, OperatorWrite } from './operator-token.guard';

@Controller('audit')
class AuditLikeController {
  @Get()
  decisions(): { decisions: number } {
    return { decisions: 3 };
  }

  @Post('replan')
  @OperatorWrite()
  replan(@Operator() operator: OperatorIdentity): { requestedBy: string } {
    return { requestedBy: operator.name };
  }
}

const TOKEN = 'operator-token-0123456789abcdef0123456789';
const READ_TOKEN = 'console-token-0123456789abcdef0123456789';

async function serve(setting: string): Promise<{ app: INestApplication; url: string }> {
  const operatorCredentials = new OperatorCredentials(setting);
  @Module({
    imports: [ObservabilityModule.forRoot({ registry: createMetricsRegistry('guard-test'), logger: createJsonLogger('guard-test', 'fatal'), operatorCredentials })],
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
    closed = await serve(`duty-operator:write:${TOKEN},console:read:${READ_TOKEN}`);
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

  it('lets a read token read but not change, and names the caller from its token', async () => {
    const post = (token: string) => fetch(`${closed.url}/audit/replan`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${closed.url}/audit`, { headers: { authorization: `Bearer ${READ_TOKEN}` } })).status).toBe(200);
    const refused = await post(READ_TOKEN);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reasonCode: 'READ_ONLY_TOKEN' });
    const allowed = await post(TOKEN);
    expect(allowed.status).toBe(201);
    expect(await allowed.json()).toEqual({ requestedBy: 'duty-operator' });
  });

  it('leaves health and metrics open for probes and Prometheus', async () => {
    expect((await fetch(`${closed.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${closed.url}/metrics`)).status).toBe(200);
  });

  it('is open with no tokens configured (development)', async () => {
    const open = await serve('');
    try {
      expect((await fetch(`${open.url}/audit`)).status).toBe(200);
    } finally {
      await open.app.close();
    }
  });
});
