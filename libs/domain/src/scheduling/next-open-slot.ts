/** "The first open slot at or after s", with path compression: closing a slot points it past itself. */
export class NextOpenSlot {
  private readonly parent: Int32Array;

  constructor(limit: Int32Array, load: Int32Array, level: number) {
    const n = load.length;
    this.parent = new Int32Array(n + 1);
    for (let s = 0; s <= n; s++) this.parent[s] = s < n && load[s] >= Math.min(level, limit[s]) ? s + 1 : s;
  }

  from(slot: number): number {
    let root = slot;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[slot] !== root) {
      const up = this.parent[slot];
      this.parent[slot] = root;
      slot = up;
    }
    return root;
  }

  close(slot: number): void {
    this.parent[slot] = slot + 1;
  }
}
