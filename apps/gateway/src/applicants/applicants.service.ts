import { Injectable } from '@nestjs/common';
import { validateResidentId, validateUscc, type IdentifierIssue } from '@oncegate/identifiers';
import { ApplicantRepository, type Applicant } from '@oncegate/registry';
import { GatewayConfig } from '../config/gateway.config';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { IdentifierScheme } from './models/applicant.model';

/** Looks applicants up in the registry on behalf of the GraphQL layer. */
@Injectable()
export class ApplicantsService {
  constructor(
    private readonly applicants: ApplicantRepository,
    private readonly config: GatewayConfig,
  ) {}

  /** An id of a merged applicant resolves to its survivor, so old ids held by departments keep working. */
  findById(id: string): Promise<Applicant | null> {
    return this.applicants.resolveSurvivor(id);
  }

  findByIdentifier(scheme: IdentifierScheme, raw: string): Promise<Applicant | null> {
    const result =
      scheme === IdentifierScheme.RESIDENT_ID ? validateResidentId(raw) : validateUscc(raw);
    if (!result.valid) throw invalidIdentifier(scheme, result.normalized, result.reason);
    return this.applicants.findActiveByIdentifier(scheme, result.value);
  }

  search(name: string, first: number): Promise<Applicant[]> {
    const query = name.normalize('NFKC').trim();
    if (query.length === 0) {
      throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, 'name must not be empty', {
        argument: 'name',
      });
    }
    const max = this.config.searchMaxResults;
    if (!Number.isInteger(first) || first < 1 || first > max) {
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `first must be between 1 and ${max}`,
        {
          argument: 'first',
        },
      );
    }
    return this.applicants.searchByName(query, first);
  }
}

function invalidIdentifier(
  scheme: IdentifierScheme,
  normalized: string,
  reason: IdentifierIssue,
): GatewayError {
  // The resident ID itself is personal data: the error names the rule it broke, never echoes the number.
  return new GatewayError(GatewayErrorCode.INVALID_IDENTIFIER, reason.message.en, {
    scheme,
    reason: reason.code,
    messageZh: reason.message.zh,
    length: normalized.length,
  });
}
