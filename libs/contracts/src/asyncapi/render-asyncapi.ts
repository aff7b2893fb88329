import { stringify } from 'yaml';
import { ALL_TOPICS } from '../topics/topic-registry';
import { buildAsyncApiDocument } from './asyncapi-document';

export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';

/**
 * The exact text of docs/asyncapi.yaml for the current registry. Written so that YAML 1.1 readers
 * read it as 1.2 readers do: a date, `yes` or `on` that is a string is quoted, not turned into a
 * date or a boolean.
 */
export function renderAsyncApi(version: string): string {
  const header = '# Generated from libs/contracts by `npm run asyncapi`. Do not edit by hand.\n';
  return header + stringify(buildAsyncApiDocument(ALL_TOPICS, version), { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}
