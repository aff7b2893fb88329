import { Matches } from 'class-validator';
import { ConsumingServiceConfig } from './consuming-service-config';
import { ProductionRequires } from './production-requires.decorator';
import { Sensitive } from './sensitive.decorator';

/** A consuming service with a PostgreSQL database of its own. */
export class DatabaseServiceConfig extends ConsumingServiceConfig {
  /** In production only over TLS with the server's certificate and name checked (`sslmode=verify-full`, `sslrootcert=` the CA file). */
  @Sensitive() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  @ProductionRequires((url) => typeof url === 'string' && /[?&]sslmode=verify-full(&|$)/.test(url), 'a URL with sslmode=verify-full (TLS, the server’s certificate and name checked)')
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/halfhour';
}
