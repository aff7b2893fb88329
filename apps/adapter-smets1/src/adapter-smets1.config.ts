import { AdapterConfig } from '@halfhour/device-adapter';
import { IsInt, Min } from 'class-validator';

export class AdapterSmets1Config extends AdapterConfig {
  override SERVICE_NAME = 'adapter-smets1';
  override HTTP_PORT = 8084;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/adapter_smets1';

  /** Half hours older than this (by clock time) leave the cache: it stays bounded. */
  @IsInt() @Min(1)
  CACHE_RETENTION_DAYS = 14;

  /** How often expired cache rows are deleted (real ms). */
  @IsInt() @Min(1000)
  CACHE_SWEEP_INTERVAL_MS = 3_600_000;
}
