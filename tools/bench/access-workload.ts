/**
 * The access-control benchmark's workload: N signed on-demand requests from U MDR users over M
 * appointed MPANs, published to a real broker before a real access-control process starts, which
 * then decides them all; measured from its first decision to its last.
 */
import { DccUserUpdated, MpanTimelineUpdated, newEnvelope, ServiceRequest, Topics } from '@halfhour/contracts';
import { addDays, canonicalRequestText, mpanCoreFrom, settlementDayOf, settlementDayStart, signRequest } from '@halfhour/domain';
import { encodeEnvelope } from '@halfhour/kafka';
import { createTestDatabase, ServiceUnderTest } from '@halfhour/testing';
import { generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import { openBenchTopics, peakRssMb } from './bench-support';

const SEND_CHUNK = 2_000;

export interface AccessWorkload {
  requests: number;
  users: number;
  mpans: number;
  /** Extra settings for the service (e.g. REQUEST_CONSUMER). */
  env?: Record<string, string>;
  nodeArgs?: string[];
  log?: (line: string) => void;
}

export interface AccessMeasurement {
  decisionsPerSecond: number;
  refused: number;
  peakRssMb: number;
}

function euiOf(prefix: number, i: number): string {
  return (BigInt(prefix) << 32n | BigInt(i)).toString(16).toUpperCase().padStart(16, '0').match(/../g)!.join('-');
}

function mpidOf(i: number): string {
  return Array.from({ length: 4 }, (_, d) => String.fromCharCode(65 + (Math.floor(i / 26 ** d) % 26))).join('');
}

/** Verifications per second of one signature with one key, over about two seconds. */
export function rawVerifyRate(): number {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = Buffer.from(canonicalRequestText({ requestId: `${euiOf(1, 1)}:${euiOf(2, 1)}:1`, srv: '4.8.1', mpan: '1200001234566' }));
  const signature = sign('sha256', data, privateKey);
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = 2_000_000_000n;
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 200; i++) if (!verify('sha256', data, publicKey, signature)) throw new Error('verify failed');
    n += 200;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function measureAccessControl(workload: AccessWorkload): Promise<AccessMeasurement> {
  const { requests, users: userCount, mpans: mpanCount } = workload;
  const log = workload.log ?? console.log;

  const users = Array.from({ length: userCount }, (_, i) => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const record: DccUserUpdated = {
      userId: euiOf(0xaa, i), mpid: mpidOf(i), roles: ['MDR'], updatedAt: '2026-01-01T00:00:00Z',
      keys: [{ keyId: `k${i}`, role: 'MDR', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), validFrom: '2026-01-01T00:00:00Z' }],
    };
    return { record, privateKey: privateKey as KeyObject, counter: 0 };
  });
  const mpans = Array.from({ length: mpanCount }, (_, i) => mpanCoreFrom(String(10 + (i % 14)), String(i).padStart(10, '0')));
  const timelines: MpanTimelineUpdated[] = mpans.map((mpan, i) => ({
    mpan, version: 1, updatedAt: '2026-01-01T00:00:00Z',
    mdrAppointments: [{ mdrMpid: users[i % userCount].record.mpid, appointmentId: `A${i}`, from: '2026-01-01' }],
    suppliers: [{ supplierMpid: 'SUPA', registrationId: `R${i}`, from: '2026-01-01' }],
    consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
    devices: [{ deviceId: euiOf(0xd0, i), generation: 2, provider: { kind: 'CSP', region: 'NORTH' }, direction: 'IMPORT', from: '2025-01-01' }],
  }));

  const yesterday = addDays(settlementDayOf(new Date()), -1);
  const period = { start: settlementDayStart(yesterday).toISOString(), end: settlementDayStart(addDays(yesterday, 1)).toISOString() };
  const signStart = Date.now();
  const signed: ServiceRequest[] = [];
  for (let r = 0; r < requests; r++) {
    const u = r % userCount;
    const user = users[u];
    // MPAN i is appointed to user i mod U; each user cycles through its own MPANs.
    const mpanIndex = u + userCount * (Math.floor(r / userCount) % Math.floor(mpanCount / userCount));
    user.counter += 1;
    const unsigned: ServiceRequest = {
      requestId: `${user.record.userId}:${euiOf(0xd0, mpanIndex)}:${user.counter}`, role: 'MDR', serviceReference: '4.8', serviceReferenceVariant: '4.8.1',
      commandVariant: 1, mpan: mpans[mpanIndex], createdAt: new Date().toISOString(), body: { readLogPeriod: period },
    };
    signed.push({ ...unsigned, signature: signRequest(unsigned, user.privateKey) });
  }
  log(`signed ${requests} requests in ${((Date.now() - signStart) / 1000).toFixed(1)} s`);

  const topics = await openBenchTopics('access-bench');
  const { prefix, producer } = topics;
  const database = await createTestDatabase('hh_bench');
  let service: ServiceUnderTest | undefined;
  const send = async (topic: string, type: string, items: readonly { key: string; value: object }[]) => {
    for (let i = 0; i < items.length; i += SEND_CHUNK) {
      const messages = items.slice(i, i + SEND_CHUNK).map(({ key, value }) => ({ key, value: JSON.stringify(value), headers: encodeEnvelope(newEnvelope(type, 1)) }));
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
    }
  };
  try {
    await send(`${prefix}${Topics.users.name}`, 'dcc.user-updated', users.map((u) => ({ key: u.record.userId, value: u.record })));
    await send(`${prefix}${Topics.mpanTimelines.name}`, 'registration.mpan-timeline-updated', timelines.map((t) => ({ key: t.mpan, value: t })));
    await send(`${prefix}${Topics.serviceRequests.name}`, 'dcc.service-request', signed.map((s) => ({ key: s.requestId.split(':')[0], value: s })));
    log(`published ${userCount} users, ${mpanCount} timelines and ${requests} requests`);

    service = await new ServiceUnderTest('apps/access-control/src/main.ts', { DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: prefix, REQUEST_MAX_AGE_SECONDS: '86400', ...workload.env }, workload.nodeArgs ?? []).start();
    const decided = async () =>
      (await service!.metric('halfhour_access_decisions_total', { outcome: 'authorised' })) + (await service!.metric('halfhour_access_decisions_total', { outcome: 'refused' }));
    let first: { at: number; count: number } | undefined;
    let lastReport = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const count = await decided();
      if (!first && count > 0) first = { at: Date.now(), count };
      if (Date.now() - lastReport > 5000 && first) {
        lastReport = Date.now();
        log(`  ${count} decided, RSS peak ${peakRssMb(service.pid!).toFixed(0)} MB`);
      }
      if (count >= requests) break;
    }
    const seconds = (Date.now() - first!.at) / 1000;
    const refused = await service.metric('halfhour_access_decisions_total', { outcome: 'refused' });
    return { decisionsPerSecond: (requests - first!.count) / seconds, refused, peakRssMb: peakRssMb(service.pid!) };
  } finally {
    await service?.stop('SIGTERM');
    await topics.close();
    await database.drop();
  }
}

