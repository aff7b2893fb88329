import { validateMessage } from '../validation/validate-message';
import { ALL_TOPICS } from './topic-registry';

describe('topic registry', () => {
  it('has unique topic names, each ending in a version', () => {
    const names = ALL_TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/\.\d+$/);
  });

  it.each(ALL_TOPICS.flatMap((topic) => topic.messages.map((m) => [topic.name, m.type, m] as const)))(
    '%s: the %s example is valid and has a key',
    (_topic, _type, message) => {
      const json = JSON.parse(JSON.stringify(message.example));
      const outcome = validateMessage(message.messageClass, json);
      expect(outcome).toEqual({ ok: true, value: json });
      expect(outcome.ok && outcome.value).toBeInstanceOf(message.messageClass);
      expect(message.keyOf(message.example)).not.toHaveLength(0);
    },
  );

  it('has unique (message type, schema version) pairs; a topic may share another\'s definition', () => {
    const definitions = new Set(ALL_TOPICS.flatMap((t) => t.messages));
    const pairs = [...definitions].map((m) => `${m.type}@${m.schemaVersion}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
