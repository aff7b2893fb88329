import { Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { freshMpan, IntakeTestBed, participantDefinition } from '../test/intake-test-bed';

const [appointed] = Topics.registrations.messages;
const APPOINTED = 40;

describe('two registration-intake replicas', () => {
  let bed: IntakeTestBed;

  beforeAll(async () => {
    bed = await new IntakeTestBed().setUp();
  });

  afterAll(() => bed.tearDown());

  it('report the registry’s size once between them, and the other takes the gauges over when the owner stops', async () => {
    const [a, b] = await Promise.all([bed.newServiceProcess().start(), bed.newServiceProcess().start()]);
    try {
      await bed.publish(Topics.marketParticipants, participantDefinition, [{ mpid: 'MDRA', name: 'MDR A', roles: ['MDR'], effectiveFrom: '2025-01-01' }]);
      await bed.publish(Topics.registrations, appointed, Array.from({ length: APPOINTED }, (_, i) => (
        { mpan: freshMpan('16'), appointmentId: `APT-${i}`, mdrMpid: 'MDRA', effectiveFrom: '2025-02-01', sequence: 1 })));
      const gauge = 'registry sizes';
      const owners = async () => [await a.metric('halfhour_database_gauges_owner', { gauges: gauge }), await b.metric('halfhour_database_gauges_owner', { gauges: gauge })];
      await eventually(async () => {
        expect((await owners()).sort()).toEqual([0, 1]);
        expect((await a.metric('halfhour_registry_mpans')) + (await b.metric('halfhour_registry_mpans'))).toBe(APPOINTED);
        expect((await a.metric('halfhour_registry_appointed_mpans')) + (await b.metric('halfhour_registry_appointed_mpans'))).toBe(APPOINTED);
      });
      const [owner, other] = (await owners())[0] === 1 ? [a, b] : [b, a];
      await owner.stop('SIGTERM');
      await eventually(async () => {
        expect(await other.metric('halfhour_database_gauges_owner', { gauges: gauge })).toBe(1);
        expect(await other.metric('halfhour_registry_mpans')).toBe(APPOINTED);
      });
    } finally {
      await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
    }
  });
});
