import { freePort } from '@halfhour/testing';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createJsonLogger } from './logging/json-logger';
import { listenForManagement, separateManagementPort } from './management-port';
import { createMetricsRegistry } from './metrics/metrics-registry';
import { ObservabilityModule } from './observability.module';
import { OperatorCredentials } from './operator-api/operator-credentials';

const TOKEN = 'operator-token-0123456789abcdef0123456789';

@Controller('audit')
class AuditLikeController {
  @Get()
  decisions(): { decisions: number } {
    return { decisions: 3 };
  }
}

@Module({
  imports: [ObservabilityModule.forRoot({ registry: createMetricsRegistry('management-test'), logger: createJsonLogger('management-test', 'fatal'), operatorCredentials: new OperatorCredentials(TOKEN) })],
  controllers: [AuditLikeController],
})
class AppModule {}

describe('the management port', () => {
  let app: INestApplication;
  let main: string;
  let management: string;

  beforeAll(async () => {
    const [mainPort, managementPort] = [await freePort(), await freePort()];
    app = (await Test.createTestingModule({ imports: [AppModule] }).compile()).createNestApplication({ logger: false });
    separateManagementPort(app, managementPort, mainPort);
    await app.listen(mainPort, '127.0.0.1');
    await listenForManagement(app, managementPort, '127.0.0.1');
    [main, management] = [`http://127.0.0.1:${mainPort}`, `http://127.0.0.1:${managementPort}`];
  });

  afterAll(() => app.close());

  it('serves metrics and health without a token, and nothing else', async () => {
    expect((await fetch(`${management}/metrics`)).status).toBe(200);
    expect((await fetch(`${management}/health/live`)).status).toBe(200);
    const data = await fetch(`${management}/audit`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(data.status).toBe(404);
    expect(await data.json()).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('leaves the main port to the operator API, which still asks for its token', async () => {
    for (const path of ['/metrics', '/METRICS', '/metrics/', '/Metrics//', '/HEALTH/live']) expect({ path, status: (await fetch(`${main}${path}`)).status }).toEqual({ path, status: 404 });
    expect((await fetch(`${main}/health/ready`)).status).toBe(404);
    expect((await fetch(`${main}/audit`)).status).toBe(401);
    expect((await fetch(`${main}/audit`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('refuses to share the main port', () => {
    expect(() => separateManagementPort(app, 8080, 8080)).toThrow(/must differ/);
  });
});
