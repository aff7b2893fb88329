import { Parser } from '@asyncapi/parser';
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

  it('is a valid AsyncAPI 3 document: every schema it refers to is defined', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(join(root, ASYNCAPI_PATH), 'utf8'));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document).toBeDefined();
    const doc = parse(renderAsyncApi(version));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['ServiceRequestBodyDto', 'ScheduleDto', 'RequesterDto', 'HalfHourValueDto', 'MdrPeriodDto']));
  }, 60_000);

  it('reads the same to a YAML 1.1 reader: dates stay strings', () => {
    const text = renderAsyncApi(version);
    expect(parse(text, { version: '1.1' })).toEqual(parse(text));
  });

  it('states each topic’s record size limit, and documents the DIP message', () => {
    const doc = parse(renderAsyncApi(version));
    for (const channel of Object.values(doc.channels) as { address: string; bindings?: { kafka?: { topicConfiguration: Record<string, unknown> } } }[]) {
      if (channel.address.startsWith('/')) continue;
      expect({ topic: channel.address, limit: channel.bindings?.kafka?.topicConfiguration['max.message.bytes'] })
        .toEqual({ topic: channel.address, limit: channel.address.endsWith('.dlq') ? 2 * 1_048_588 : 1_048_588 });
    }
    expect(doc.components.messages.DipMessagesV1.payload.properties.messages.items.properties.common.required).toContain('senderUniqueReference');
  });
});
