import { createJsonLogger, loadConfigOrExit } from '@halfhour/observability';
import { SimulatedProvider } from './simulated-provider';
import { SimulatorConfig } from './simulator.config';
import { SimulatorClock } from './simulator-clock';
import { SimulatorServer } from './simulator-server';

const config = loadConfigOrExit(SimulatorConfig);
const logger = createJsonLogger('provider-simulator', config.LOG_LEVEL);
const clock = SimulatorClock.fromConfig(config);
const providers = new Map(config.PROVIDERS.split(',').map((name) => [name, new SimulatedProvider(name, clock, config.SLOT_MINUTES * 60_000)]));
const server = new SimulatorServer(providers, logger, clock);

server.listen(config.HTTP_PORT, config.HTTP_HOST).then(() => logger.info({ port: config.HTTP_PORT, providers: [...providers.keys()] }, 'provider simulator listening'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
