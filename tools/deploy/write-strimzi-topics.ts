import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './deploy-tools';
import { STRIMZI_TOPICS_FILE, strimziTopicsYaml } from './strimzi-topics';

/** `npm run strimzi-topics`: writes the Strimzi KafkaTopic resources from the topic registry. */
writeFileSync(join(repositoryRoot, STRIMZI_TOPICS_FILE), strimziTopicsYaml());
console.log(`wrote ${STRIMZI_TOPICS_FILE}`);
