import { ServiceProvider } from '../registration/registration-event';

/** Who carries a read: `CSP-NORTH`, `CSP-CENTRAL`, `CSP-SOUTH`, or `S1SP-<id>`. Capacity is per provider. */
export type ProviderKey = string;

export function providerKeyOf(provider: ServiceProvider): ProviderKey {
  return provider.kind === 'CSP' ? `CSP-${provider.region}` : `S1SP-${provider.s1spId}`;
}

export function isSmets1Provider(key: ProviderKey): boolean {
  return key.startsWith('S1SP-');
}
