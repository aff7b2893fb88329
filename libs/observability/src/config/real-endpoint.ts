/**
 * Whether a URL can be a real deployment's endpoint: https, and not a development stand-in — no
 * loopback address (where the simulators listen) and no `.invalid` host (RFC 2606: the
 * placeholders the manifests ship for a platform team to replace).
 */
export function isRealEndpoint(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0';
  return parsed.protocol === 'https:' && !loopback && !host.endsWith('.invalid') && host !== 'invalid';
}

/** What a production endpoint rule asks for, as the refusal says it. */
export const REAL_ENDPOINT = 'a real https:// endpoint (not loopback, not a .invalid placeholder)';
