import { DatabaseServiceConfig, isRealEndpoint, ProductionRequires, REAL_ENDPOINT } from '@halfhour/observability';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

export class DipForwarderConfig extends DatabaseServiceConfig {
  /** Days an MPAN-day the DIP accepted or refused, and an answer sent, are kept after they finished. */
  @IsInt() @Min(1)
  DIP_RETENTION_DAYS = 7;

  override SERVICE_NAME = 'dip-forwarder';
  override HTTP_PORT = 8086;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dip_forwarder';



  /** Base URL of the DIP's message API; the default is the DIP SIMULATOR, which production refuses. */
  @Matches(/^https?:\/\/\S+$/)
  @ProductionRequires((url) => typeof url === 'string' && isRealEndpoint(url), REAL_ENDPOINT)
  DIP_URL = 'http://127.0.0.1:8091';

  /** R-DIP-1: the HH interface is not public yet; its identity is a setting. */
  @IsString()
  DIP_INTERFACE_ID = 'HALFHOUR-HH-DATA';

  @IsString()
  DIP_SCHEMA_VERSION = '1.0';

  @IsString()
  DIP_EVENT_CODE = 'HH_DATA_RETRIEVED';

  @IsString()
  DIP_SENDER_ID = 'DCC-HALFHOUR';

  @IsString()
  DIP_SENDER_ROLE = 'DCC';

  /** Comma-separated DIP participant IDs the messages are addressed to. */
  @Matches(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/)
  DIP_RECIPIENTS = 'ELEXON';

  /** PEM files of the signing certificate and its key; unset in development: a throwaway pair is made. */
  @IsString()
  @ProductionRequires((file) => typeof file === 'string' && file !== '', 'set (the pair registered with Elexon)')
  DIP_CERTIFICATE_FILE = '';

  @IsString()
  @ProductionRequires((file) => typeof file === 'string' && file !== '', 'set (the pair registered with Elexon)')
  DIP_PRIVATE_KEY_FILE = '';

  /** MPAN-days per call to the DIP. */
  @IsInt() @Min(1) @Max(1000)
  DIP_BATCH_SIZE = 10;

  /** Calls in flight at once. */
  @IsInt() @Min(1) @Max(64)
  DIP_CONCURRENCY = 4;

  @IsInt() @Min(10)
  DIP_CALL_TIMEOUT_MS = 10_000;

  /** Longest wait between tries while the DIP is failing. */
  @IsInt() @Min(10)
  DIP_BACKOFF_MAX_MS = 60_000;

  @IsInt() @Min(10)
  RELAY_INTERVAL_MS = 200;

  /** Outbox rows taken per relay round. */
  @IsInt() @Min(1) @Max(10_000)
  RELAY_BATCH_SIZE = 200;


  /** Fault injection for the crash test, never in production: exit after a batch is stored, before its answers are sent. */
  @IsBoolean()
  @ProductionRequires((exit) => exit === false, 'false (fault injection is for tests)')
  FAULT_EXIT_BEFORE_ANSWERING = false;
}
