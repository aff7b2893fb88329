import { MarketRole } from '../market/market-role';
import { DccUser, UserKey, usableKeys } from './dcc-user';
import { isFreshCounter, RequestId } from './request-id';

/** Why a request is not accepted as coming from its user; checked in this order. */
export const AUTHENTICATION_REFUSALS = ['UNKNOWN_USER', 'ROLE_NOT_HELD', 'NO_VALID_KEY', 'SIGNATURE_INVALID', 'REQUEST_EXPIRED', 'REPLAYED_COUNTER'] as const;
export type AuthenticationRefusal = (typeof AUTHENTICATION_REFUSALS)[number];

export interface RequestFreshnessPolicy {
  /** How old a request may be when it is decided. */
  maxAgeMs: number;
  /** How far ahead of the decider's clock a request's creation time may be. */
  maxClockSkewMs: number;
}

export interface AuthenticationInput {
  requestId: RequestId;
  role: MarketRole;
  createdAt: Date;
  /** The user named as originator in the request ID, if the registry knows it. */
  user: DccUser | undefined;
  /** The highest counter accepted from this user so far. */
  lastAcceptedCounter: bigint | undefined;
  /** Whether the request's signature verifies with a key; the caller owns the cryptography. */
  verifiesWith: (key: UserKey) => boolean;
  now: Date;
}

export type Authentication = { authenticated: true; keyId: string } | { authenticated: false; reason: AuthenticationRefusal };

/**
 * R-ACL-7: the originator is a known user that holds the role, the signature verifies with one of
 * its keys for that role that is valid and not revoked now, the request is neither stale nor from
 * the future, and its counter is above every counter accepted from that user before. The counter
 * is checked last so that only a request that is genuinely the user's can advance it.
 */
export function authenticateRequest(input: AuthenticationInput, freshness: RequestFreshnessPolicy): Authentication {
  const { user, role } = input;
  if (!user) return refuse('UNKNOWN_USER');
  if (!user.roles.includes(role)) return refuse('ROLE_NOT_HELD');
  const keys = usableKeys(user, role, input.now);
  if (keys.length === 0) return refuse('NO_VALID_KEY');
  const key = keys.find((candidate) => input.verifiesWith(candidate));
  if (!key) return refuse('SIGNATURE_INVALID');
  const age = input.now.getTime() - input.createdAt.getTime();
  if (age > freshness.maxAgeMs || -age > freshness.maxClockSkewMs) return refuse('REQUEST_EXPIRED');
  if (!isFreshCounter(input.requestId.counter, input.lastAcceptedCounter)) return refuse('REPLAYED_COUNTER');
  return { authenticated: true, keyId: key.keyId };
}

function refuse(reason: AuthenticationRefusal): Authentication {
  return { authenticated: false, reason };
}
