import { DccUserUpdated, MpanTimelineUpdated, ServiceRequest, ServiceRequestV2, Topics } from '@halfhour/contracts';
import { mpanCoreFrom, signRequest } from '@halfhour/domain';
import { ServiceTestBed } from '@halfhour/service-testing';
import { generateKeyPairSync, KeyObject } from 'node:crypto';

let serial = Math.floor(Math.random() * 1e9);
/** A valid MPAN no other test run uses. */
export function freshMpan(): string {
  return mpanCoreFrom('12', String(serial++).padStart(10, '0'));
}

/** A DCC user the test plays: its record on the users topic, its private key, its next counter. */
export class TestUser {
  readonly privateKey: KeyObject;
  readonly record: DccUserUpdated;
  private counter = 100n;

  constructor(userId: string, mpid: string, role: DccUserUpdated['roles'][number], updatedAt = '2026-01-01T00:00:00Z') {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.record = {
      userId,
      mpid,
      roles: [role],
      keys: [{ keyId: `${mpid}-1`, role, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), validFrom: '2026-01-01T00:00:00Z' }],
      updatedAt,
    };
  }

  get userId(): string {
    return this.record.userId;
  }

  /** A signed request with the next counter; `overrides` change it before signing. */
  request<T extends ServiceRequest = ServiceRequest>(fields: Partial<T> & { target: string; mpan: string }, sign: (body: object) => string | undefined = (body) => signRequest(body, this.privateKey)): T {
    const { target, ...rest } = fields;
    this.counter += 1n;
    const unsigned = {
      requestId: `${this.userId}:${target}:${this.counter}`,
      role: this.record.roles[0],
      serviceReference: '4.8',
      serviceReferenceVariant: '4.8.1',
      commandVariant: 1,
      createdAt: new Date().toISOString(),
      body: {},
      ...rest,
    } as unknown as T;
    const signature = sign(unsigned);
    return signature === undefined ? unsigned : { ...unsigned, signature };
  }
}

/** access-control on the real stack; registration-intake's timelines and the user registry are played by the test. */
export class AccessTestBed extends ServiceTestBed {
  constructor(env: Record<string, string> = {}) {
    super({ name: 'access', entry: 'apps/access-control/src/main.ts', env: { VIEW_AGE_INTERVAL_MS: '200', ...env } });
  }

  publishUsers(users: readonly DccUserUpdated[]): Promise<string[]> {
    return this.publish(Topics.users, Topics.users.messages[0], users);
  }

  publishTimelines(timelines: readonly MpanTimelineUpdated[]): Promise<string[]> {
    return this.publish(Topics.mpanTimelines, Topics.mpanTimelines.messages[0], timelines);
  }

  publishRequests(requests: readonly ServiceRequest[]): Promise<string[]> {
    return this.publish(Topics.serviceRequests, Topics.serviceRequests.messages[0], requests);
  }

  /** Requests in version 2 of the contract (with a purpose). */
  publishRequestsV2(requests: readonly ServiceRequestV2[]): Promise<string[]> {
    return this.publish(Topics.serviceRequests, Topics.serviceRequests.messages[1], requests);
  }
}
