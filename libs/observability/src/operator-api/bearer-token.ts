import { createHash, timingSafeEqual } from 'node:crypto';
import { OperatorCredential, OperatorIdentity } from './operator-credentials';

/**
 * Who an Authorization header (`Bearer <token>`) says the caller is, among the operator API's
 * credentials; undefined for none. Every credential is compared, each in constant time over its
 * SHA-256 digest, so neither a token's length nor which one matched leaks through timing.
 */
export function operatorIdentityOf(authorization: string | undefined, credentials: readonly OperatorCredential[]): OperatorIdentity | undefined {
  const presented = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
  if (presented === undefined) return undefined;
  const digest = sha256(presented);
  let matched: OperatorIdentity | undefined;
  for (const credential of credentials) {
    if (timingSafeEqual(digest, sha256(credential.token)) && !matched) matched = { name: credential.name, scope: credential.scope };
  }
  return matched;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
