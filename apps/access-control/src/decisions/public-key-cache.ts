import { createPublicKey, KeyObject } from 'node:crypto';

/**
 * Parsed public keys by PEM text: parsing a PEM costs about as much as verifying a signature, and
 * users have few keys. Bounded all the same; a PEM that does not parse is remembered as such.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, KeyObject | null>();

  constructor(private readonly capacity = 100_000) {}

  get(pem: string): KeyObject | null {
    let key = this.keys.get(pem);
    if (key === undefined) {
      try {
        key = createPublicKey(pem);
      } catch {
        key = null;
      }
      if (this.keys.size >= this.capacity) this.keys.delete(this.keys.keys().next().value!);
      this.keys.set(pem, key);
    }
    return key;
  }
}
