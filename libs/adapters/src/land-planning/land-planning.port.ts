import type { ChangeCursor, DepartmentRecordPage } from '../shared';
import type { LandParcel } from './land-planning.types';

/**
 * 自然资源和规划 / 不动产登记: the parcels a right holder holds. The DI token
 * of the land-planning adapter.
 */
export abstract class LandPlanningPort {
  /**
   * Parcels per holder, for normalized 18-character USCCs or resident IDs.
   * The map is keyed exactly by the input keys; a key that is absent means
   * the department knows no parcel of that holder. One upstream call per
   * batch (chunked at the department's limit); fails with a `SourceError`.
   */
  abstract parcelsByHolder(
    holderIds: readonly string[],
  ): Promise<ReadonlyMap<string, LandParcel[]>>;

  /**
   * The change feed, for the registry's sync: the holder records of the
   * 不动产单元 changed after `after` (from the start for null), oldest first by
   * (更新时间, 不动产单元号), at most `limit` (a positive integer; one page
   * carries at most 500). `localId` is the 不动产单元号. Never cached; fails
   * with a `SourceError`.
   */
  abstract changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage>;
}
