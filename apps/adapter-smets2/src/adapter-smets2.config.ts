import { AdapterConfig } from '@halfhour/device-adapter';

export class AdapterSmets2Config extends AdapterConfig {
  override SERVICE_NAME = 'adapter-smets2';
  override HTTP_PORT = 8085;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/adapter_smets2';
}
