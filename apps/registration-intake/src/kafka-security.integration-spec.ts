import { Topics } from '@halfhour/contracts';
import { eventually, testKafkaSecuredListeners } from '@halfhour/testing';
import { freshMpan, IntakeTestBed, participantDefinition } from '../test/intake-test-bed';

const [appointed] = Topics.registrations.messages;

/**
 * A service on the broker's secured listeners, as production connects it: it consumes and
 * produces over TLS with SCRAM-SHA-512, and over mTLS; wrong credentials stop it at start.
 */
describe('registration-intake over TLS + SCRAM and mTLS on the real broker', () => {
  let bed: IntakeTestBed;
  const listeners = testKafkaSecuredListeners();

  beforeAll(async () => {
    bed = await new IntakeTestBed().setUp();
  });

  afterAll(() => bed.tearDown());

  it.each([
    ['TLS + SCRAM-SHA-512', 'scramOverTls', 'MDRS'],
    ['mTLS', 'mutualTls', 'MDRM'],
  ] as const)('consumes and produces over %s', async (_how, listener, mdrMpid) => {
    const service = bed.newServiceProcess(listeners[listener]);
    await service.start();
    try {
      const mpan = freshMpan('14');
      await bed.publish(Topics.marketParticipants, participantDefinition, [{ mpid: mdrMpid, name: `MDR ${mdrMpid}`, roles: ['MDR'], effectiveFrom: '2025-01-01' }]);
      await eventually(async () => expect(await service.metric('halfhour_registration_messages_total', { type: 'css.market-participant-updated' })).toBe(1));
      await bed.publish(Topics.registrations, appointed, [{ mpan, appointmentId: `APT-${mdrMpid}`, mdrMpid, effectiveFrom: '2026-02-01', sequence: 1 }]);
      // Its timeline relayed onto the compacted topic: written by the service over the secured listener.
      await eventually(async () => {
        const published = await bed.readAll(bed.topicName(Topics.mpanTimelines));
        expect(published.map((m) => m.key?.toString())).toContain(mpan);
      });
    } finally {
      await service.stop();
    }
  });

  it('refuses to start with a wrong SCRAM password', async () => {
    const service = bed.newServiceProcess({ ...listeners.scramOverTls, KAFKA_SASL_PASSWORD: 'not-the-password' });
    await expect(service.start()).rejects.toThrow(/exited with [1-9]/);
  });
});
