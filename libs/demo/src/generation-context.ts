import { instantOf } from './calendar';
import type { DepartmentSystem } from './demo.types';
import { OrganizationCodeAllocator, ResidentIdAllocator } from './identifier-allocators';
import type { Random } from './random';

/** Shared state of one generation run: "today", the allocators, the local-ID counters. */
export class GenerationContext {
  readonly nowDay: number;
  readonly residentIds = new ResidentIdAllocator();
  readonly organizationCodes = new OrganizationCodeAllocator();
  private readonly counters = new Map<string, number>();
  private readonly taken = new Map<DepartmentSystem, Set<string>>();

  constructor(
    readonly now: Date,
    /** Birth dates people may have: 1940 to 2006, and at least 18 years before now. */
    readonly birthRange: { readonly from: number; readonly to: number },
  ) {
    this.nowDay = Math.floor(now.getTime() / 86_400_000);
  }

  /** 1, 2, 3 … per counter name. */
  next(counter: string): number {
    const value = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, value);
    return value;
  }

  /**
   * Claims a local ID in a system; false when it is already taken. Only IDs
   * drawn at random (project codes) need it: those made from `next` counters
   * are unique by construction, and claiming millions of them cost seconds.
   */
  claim(system: DepartmentSystem, localId: string): boolean {
    let ids = this.taken.get(system);
    if (!ids) {
      ids = new Set();
      this.taken.set(system, ids);
    }
    if (ids.has(localId)) return false;
    ids.add(localId);
    return true;
  }

  /**
   * A moment on a working day between `fromDay` and `toDay` (both clamped to
   * before today), 08:00–18:00 China time, in whole seconds.
   */
  observedAt(rng: Random, fromDay: number, toDay: number): Date {
    const last = Math.min(toDay, this.nowDay - 1);
    const first = Math.min(fromDay, last);
    // 00:00–10:00 UTC is 08:00–18:00 in China (UTC+8).
    return instantOf(rng.int(first, last), rng.int(0, 10 * 3600 - 1));
  }
}

/** Clamps a day range so that `from` never lies after `to`. */
export function dayBetween(rng: Random, from: number, to: number): number {
  return to < from ? to : rng.int(from, to);
}
