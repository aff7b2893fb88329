import { createServiceDatabases, provisionAllTopics } from '../stack/provision';
import { SERVICE_CATALOGUE } from '../stack/service-catalogue';

/** Topics and databases only: what the Kubernetes init Job runs before the services start. */
export async function provisionCommand(): Promise<void> {
  const topics = await provisionAllTopics();
  const databases = await createServiceDatabases(SERVICE_CATALOGUE);
  console.log(JSON.stringify({ topics, databasesCreated: databases }, null, 2));
}
