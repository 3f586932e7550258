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
}
