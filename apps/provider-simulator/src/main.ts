import { createJsonLogger, loadConfigOrExit } from '@halfhour/observability';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { SimulatedProvider } from './simulated-provider';
import { SimulatorServer } from './simulator-server';

/** SIMULATOR: plays the CSPs and S1SPs for tests and the local stack. Never a production service. */
class SimulatorConfig {
  @IsInt() @Min(0) @Max(65535)
  HTTP_PORT = 8090;

  /** The providers played, comma-separated. */
  @Matches(/^[A-Z0-9-]+(,[A-Z0-9-]+)*$/)
  PROVIDERS = 'CSP-NORTH,CSP-CENTRAL,CSP-SOUTH,S1SP-A,S1SP-B';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL = 'info';
}

const config = loadConfigOrExit(SimulatorConfig);
const logger = createJsonLogger('provider-simulator', config.LOG_LEVEL);
const providers = new Map(config.PROVIDERS.split(',').map((name) => [name, new SimulatedProvider(name)]));
const server = new SimulatorServer(providers, logger);

server.listen(config.HTTP_PORT).then(() => logger.info({ port: config.HTTP_PORT, providers: [...providers.keys()] }, 'provider simulator listening'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
