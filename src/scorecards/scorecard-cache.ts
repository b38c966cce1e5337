import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** An answer as it was computed: the data version of the snapshot it read, and the answer as JSON. */
interface Entry {
  version: bigint;
  value: unknown;
  json: Buffer;
}

/** What a computation hands back: its answer and the data version of the snapshot it read it from. */
export interface VersionedAnswer<T> {
  version: bigint;
  value: T;
}

/**
 * Scorecards kept in memory and served again while the data they were computed from is unchanged:
 * an exact cache. The data has a version (scorecard_data_version, bumped in every transaction that
 * writes a table the scorecards read, at its commit), so an answer computed in a snapshot that saw
 * version v is exactly what a fresh computation returns for as long as v is the latest version,
 * whichever instance of the service made the change. Entries are one per query (the newest version
 * replaces older ones: a version, once passed, never comes back), evicted least recently used by
 * their size (twice their size as JSON: the object and its text), up to SCORECARD_CACHE_MB. Cached
 * values are frozen: whoever reads one shares it.
 */
@Injectable()
export class ScorecardCache {
  private readonly entries: LRUCache<string, Entry> | null;
  /** Computations under way, by version and key: requests arriving together wait for one of them. */
  private readonly pending = new Map<string, Promise<unknown>>();
  /** The JSON text of each kept answer, made once when it was kept: a hit then costs no serialising. */
  private readonly texts = new WeakMap<object, Buffer>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const maxSize = config.scorecards.cacheBytes;
    this.entries =
      maxSize > 0 ? new LRUCache<string, Entry>({ maxSize, sizeCalculation: (entry) => Math.max(1, 2 * entry.json.length) }) : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /** Bytes held, for the tests and the benchmark. */
  get size(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  /**
   * The answer to `key` when the latest data version is `current`: the kept one if it was computed
   * at that version (or a later one, committed since `current` was read), else `compute`'s, kept
   * under the version it was computed at.
   */
  async answer<T>(key: string, current: bigint, compute: () => Promise<VersionedAnswer<T>>): Promise<T> {
    if (this.entries === null) return (await compute()).value;
    const kept = this.entries.get(key);
    if (kept !== undefined && kept.version >= current) return kept.value as T;
    const flight = `${current} ${key}`;
    let pending = this.pending.get(flight) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = compute()
        .then(({ version, value }) => this.keep(key, version, value))
        .finally(() => this.pending.delete(flight));
      this.pending.set(flight, pending);
    }
    return pending;
  }

  /**
   * A kept answer as JSON (exactly JSON.stringify of it, as the HTTP layer would write it), or
   * undefined for an answer that is not kept (the cache off, or too large to keep).
   */
  jsonOf(value: object): Buffer | undefined {
    return this.texts.get(value);
  }

  clear(): void {
    this.entries?.clear();
  }

  private keep<T>(key: string, version: bigint, value: T): T {
    deepFreeze(value);
    const kept = this.entries!.peek(key);
    // An older computation finishing late must not replace a newer answer.
    if (kept === undefined || kept.version < version) {
      const json = Buffer.from(JSON.stringify(value), 'utf8');
      this.entries!.set(key, { version, value, json });
      if (this.entries!.peek(key)?.value === value && typeof value === 'object' && value !== null) this.texts.set(value, json);
    }
    return value;
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
