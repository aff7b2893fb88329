import { ServiceProvider } from '../registration/registration-event';

/** Who carries a read: `CSP-NORTH`, `CSP-CENTRAL`, `CSP-SOUTH`, or `S1SP-<id>`. Capacity is per provider. */
export type ProviderKey = string;

/** What a provider key looks like: a CSP region, or an S1SP. */
export const PROVIDER_KEY_PATTERN = /^(CSP-(NORTH|CENTRAL|SOUTH)|S1SP-[A-Za-z0-9-]{1,40})$/;

/** An S1SP ID already written `S1SP-…` (as device inventory usually names them) is kept as it is. */
export function providerKeyOf(provider: ServiceProvider): ProviderKey {
  if (provider.kind === 'CSP') return `CSP-${provider.region}`;
  return provider.s1spId.startsWith('S1SP-') ? provider.s1spId : `S1SP-${provider.s1spId}`;
}

export function isSmets1Provider(key: ProviderKey): boolean {
  return key.startsWith('S1SP-');
}
