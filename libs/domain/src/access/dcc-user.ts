import { MarketRole } from '../market/market-role';

/** A public key a DCC user signs with in one role, valid over [validFrom, validTo) unless revoked. */
export interface UserKey {
  keyId: string;
  role: MarketRole;
  /** SPKI PEM of an ECDSA P-256 key. */
  publicKeyPem: string;
  validFrom: Date;
  validTo?: Date;
  revokedAt?: Date;
}

/** A DCC user (R-ACL-1, R-ACL-7): an EUI-64 user ID acting for one organisation in its roles. */
export interface DccUser {
  userId: string;
  mpid: string;
  roles: readonly MarketRole[];
  keys: readonly UserKey[];
}

/** The user's keys for a role that may verify a signature at an instant: in validity, not revoked. */
export function usableKeys(user: DccUser, role: MarketRole, at: Date): UserKey[] {
  return user.keys.filter(
    (key) =>
      key.role === role &&
      key.validFrom <= at &&
      (key.validTo === undefined || at < key.validTo) &&
      (key.revokedAt === undefined || at < key.revokedAt),
  );
}
