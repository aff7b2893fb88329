import { DccUserUpdated, ServiceRequest, ServiceRequestV2 } from '@halfhour/contracts';
import { settlementDayStart, signRequest } from '@halfhour/domain';
import { HOSTILE_USERS, SIMULATED_MDRS, SIMULATED_SUPPLIERS, SimulatedRequest } from '@halfhour/simulation';
import { generateKeyPairSync, KeyObject } from 'node:crypto';

interface SimulatedUser {
  record: DccUserUpdated;
  key: KeyObject;
  lastCounter: number;
  firstCounter?: number;
}

const FORTY_DAYS_MS = 40 * 86_400_000;

/** The revoked hostile MDR's key stopped being valid long before any run. */
const REVOKED_AT = '2020-06-01T00:00:00Z';

/**
 * SIMULATED DCC users: each simulated supplier and MDR with its own signing key, turning the
 * population's requests into signed DUIS-style service requests — spoiled on purpose where the
 * population says so (forged signature, replayed counter, expired). And the abuse campaign's
 * hostile users (HOSTILE_USERS): one with its key revoked, one deleted after it was registered.
 */
export class DccUsersSimulator {
  private readonly users = new Map<string, SimulatedUser>();
  private readonly forger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

  constructor() {
    const everyone = [
      ...SIMULATED_SUPPLIERS.map((mpid) => [mpid, ['IS', 'ES']] as const), ...SIMULATED_MDRS.map((mpid) => [mpid, ['MDR']] as const),
      ...Object.values(HOSTILE_USERS).map((user) => [user.mpid, [user.role]] as const),
    ];
    everyone.forEach(([mpid, roles], i) => {
      const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const userId = `90-B3-D5-1F-30-00-00-${(i + 1).toString(16).padStart(2, '0').toUpperCase()}`;
      this.users.set(mpid, {
        key: privateKey,
        lastCounter: 0,
        record: {
          userId, mpid, roles: [...roles], updatedAt: '2020-01-01T00:00:00Z',
          keys: roles.map((role) => ({
            keyId: `${mpid}-${role}`, role, publicKeyPem, validFrom: '2020-01-01T00:00:00Z', ...(mpid === HOSTILE_USERS.revoked.mpid ? { revokedAt: REVOKED_AT } : {}),
          })),
        },
      });
    });
  }

  records(): DccUserUpdated[] {
    return [...this.users.values()].map((u) => u.record);
  }

  /** Users deleted from the registry after their record: each gets a tombstone on the users topic. */
  deletedUserIds(): string[] {
    return [this.userIdOf(HOSTILE_USERS.deleted.mpid)];
  }

  userIdOf(mpid: string): string {
    return this.userOf(mpid).record.userId;
  }

  /** Signs requests in the order given: each user's counter rises by one per request. One with a purpose is a version-2 request. */
  sign(requests: readonly SimulatedRequest[], now: Date): (ServiceRequest | ServiceRequestV2)[] {
    return requests.map((request) => this.signOne(request, now));
  }

  private signOne(request: SimulatedRequest, now: Date): ServiceRequest | ServiceRequestV2 {
    const user = this.userOf(request.user);
    let counter = ++user.lastCounter;
    user.firstCounter ??= counter;
    if (request.tampering === 'REPLAYED_COUNTER') counter = user.firstCounter;
    const createdAt = new Date(request.tampering === 'EXPIRED' ? now.getTime() - FORTY_DAYS_MS : now.getTime()).toISOString();
    const unsigned: ServiceRequest | ServiceRequestV2 = {
      requestId: `${user.record.userId}:${request.deviceId}:${counter}`, role: request.role, mpan: request.mpan, createdAt,
      ...(request.purpose ? { purpose: request.purpose } : {}),
      ...(request.schedule
        ? { serviceReference: '5.1', serviceReferenceVariant: '5.1', commandVariant: 8, body: { schedule: { srv: request.srv, frequency: 'DAILY', ...request.schedule } } }
        : {
            serviceReference: request.srv.split('.').slice(0, 2).join('.'), serviceReferenceVariant: request.srv, commandVariant: 1,
            body: { readLogPeriod: { start: settlementDayStart(request.days!.from).toISOString(), end: settlementDayStart(request.days!.to).toISOString() } },
          }),
    };
    return { ...unsigned, signature: signRequest(unsigned, request.tampering === 'FORGED_SIGNATURE' ? this.forger : user.key) };
  }

  private userOf(mpid: string): SimulatedUser {
    const user = this.users.get(mpid);
    if (!user) throw new Error(`no simulated user ${mpid}`);
    return user;
  }
}
