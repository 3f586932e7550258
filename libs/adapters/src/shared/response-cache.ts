import { LRUCache } from 'lru-cache';

/**
 * Department answers kept for `ttlMs`, per key (an identifier). A TTL of 0
 * turns caching off. "Nothing known" (null) is cached too: asking again
 * within the TTL would get the same answer.
 */
export class ResponseCache<V> {
  private readonly cache: LRUCache<string, { value: V | null }> | null;

  constructor(ttlMs: number, maxEntries = 50_000) {
    this.cache = ttlMs > 0 ? new LRUCache({ max: maxEntries, ttl: ttlMs }) : null;
  }

  /**
   * Values for all keys, in order: cached ones from the cache, the rest from
   * one `fetchMissing` call with only the missing keys, which must return a
   * map keyed like its input (absent keys mean "nothing known").
   */
  async getMany(
    keys: readonly string[],
    fetchMissing: (keys: string[]) => Promise<ReadonlyMap<string, V>>,
  ): Promise<(V | null)[]> {
    const found = new Map<string, V | null>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.cache?.get(key);
      if (hit) found.set(key, hit.value);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const fetched = await fetchMissing(missing);
      for (const key of missing) {
        const value = fetched.get(key) ?? null;
        found.set(key, value);
        this.cache?.set(key, { value });
      }
    }
    return keys.map((k) => found.get(k) ?? null);
  }

  clear(): void {
    this.cache?.clear();
  }
}
