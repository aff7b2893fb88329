import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ASYNCAPI_PATH, renderAsyncApi } from './render-asyncapi';
import { ALL_TOPICS } from '../topics/topic-registry';

const root = join(__dirname, '..', '..', '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('docs/asyncapi.yaml', () => {
  it('is what the contracts registry generates (run `npm run asyncapi` after changing a contract)', () => {
    expect(readFileSync(join(root, ASYNCAPI_PATH), 'utf8')).toBe(renderAsyncApi(version));
  });

  it('documents every topic, its dead-letter topic and the domain rules of each field', () => {
    const doc = parse(renderAsyncApi(version));
    const addresses = Object.values(doc.channels).map((c: any) => c.address);
    for (const topic of ALL_TOPICS) {
      expect(addresses).toContain(topic.name);
      expect(addresses).toContain(`${topic.name}.dlq`);
    }
    const participant = doc.components.messages.MarketParticipantUpdatedV1;
    expect(participant.payload.properties.mpid.pattern).toBe('^[A-Z]{4}$');
    expect(participant.payload.properties.effectiveFrom.format).toBe('date');
    expect(participant.payload.required).toEqual(expect.arrayContaining(['mpid', 'roles', 'effectiveFrom']));
    expect(participant.headers.required).toContain('hh-message-id');
  });
});
