import { ServiceConfig } from '@halfhour/observability';
import { IsInt, Matches, Max, Min } from 'class-validator';

const URL_LIST = /^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/;

/** The operator console: where the services it reports on answer (their operator APIs, and their metrics). */
export class OperatorConsoleConfig extends ServiceConfig {
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  SCHEDULER_URL = 'http://127.0.0.1:8083';

  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  ACCESS_CONTROL_URL = 'http://127.0.0.1:8082';

  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  DIP_FORWARDER_URL = 'http://127.0.0.1:8086';

  /**
   * Where the dead letters and the DIP backlog are read from. In a cluster, Prometheus (its base
   * URL): it scrapes every replica, where a Service's address reaches one. Empty: each service's
   * own metrics at METRICS_URLS (one process each: a laptop, `npm start`, compose).
   */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'must be empty or an http(s) URL' })
  PROMETHEUS_URL = '';

  /** Every consuming service's metrics (comma-separated base URLs), read when PROMETHEUS_URL is empty. */
  @Matches(URL_LIST, { message: 'must be comma-separated http(s) URLs' })
  METRICS_URLS = 'http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083,http://127.0.0.1:8084,http://127.0.0.1:8085,http://127.0.0.1:8086';

  /** How long the console waits for a service before showing the figure as unavailable. */
  @IsInt() @Min(100) @Max(60_000)
  UPSTREAM_TIMEOUT_MS = 5_000;
}
