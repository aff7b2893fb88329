import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './deploy-tools';
import { STRIMZI_USERS_FILE, strimziUsersYaml } from './strimzi-users';

/** `npm run strimzi-users`: writes the Strimzi KafkaUser resources from SERVICE_TOPIC_ACCESS. */
writeFileSync(join(repositoryRoot, STRIMZI_USERS_FILE), strimziUsersYaml());
console.log(`wrote ${STRIMZI_USERS_FILE}`);
