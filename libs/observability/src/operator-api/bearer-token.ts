import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries one of the operator API's tokens (`Bearer <token>`).
 * Every token is compared, each in constant time over its SHA-256 digest, so neither a token's
 * length nor which one matched leaks through timing. Several tokens allow a rotation: the new one
 * is added, clients move over, the old one is removed.
 */
export function bearerTokenMatches(authorization: string | undefined, tokens: readonly string[]): boolean {
  const presented = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
  if (presented === undefined) return false;
  const digest = sha256(presented);
  let matched = false;
  for (const token of tokens) matched = timingSafeEqual(digest, sha256(token)) || matched;
  return matched;
}

/** The tokens of an OPERATOR_API_TOKENS setting (comma-separated). */
export function operatorApiTokensOf(setting: string): string[] {
  return setting.split(',').map((token) => token.trim()).filter((token) => token !== '');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
