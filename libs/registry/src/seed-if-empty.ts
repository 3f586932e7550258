import type { ApplicantRepository } from './applicant.repository';
import { isRegistryError, RegistryErrorCode } from './registry.errors';
import type { RegisterApplicantInput } from './registry.types';

export interface SeedResult {
  /** Applicants registered by this call. */
  readonly seeded: number;
  /** Why nothing (more) was written, if so. */
  readonly stoppedBecause?: 'NOT_EMPTY' | 'SEEDED_CONCURRENTLY';
}

/**
 * Registers the given applicants into an empty registry (demo data, a pilot's
 * first load); never touches a registry that already holds applicants. When
 * another process seeds the same data at the same moment, the first duplicate
 * stops this one: its seed is as good as ours.
 */
export async function seedIfEmpty(
  repository: ApplicantRepository,
  applicants: Iterable<RegisterApplicantInput>,
): Promise<SeedResult> {
  if ((await repository.count()) > 0) return { seeded: 0, stoppedBecause: 'NOT_EMPTY' };
  let seeded = 0;
  for (const input of applicants) {
    try {
      await repository.register(input);
      seeded++;
    } catch (error) {
      if (isRegistryError(error, RegistryErrorCode.DUPLICATE_IDENTIFIER)) {
        return { seeded, stoppedBecause: 'SEEDED_CONCURRENTLY' };
      }
      throw error;
    }
  }
  return { seeded };
}
