import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ApplicantRepository } from '@oncegate/registry';
import type { ApplicantIdentifier, GoldenAttribute, SourceRecord } from '@oncegate/registry';

/**
 * Per-request batching: a list of N applicants costs one query per field
 * kind, not N. A new set is made for every request so nothing is cached
 * across callers.
 */
export interface ApplicantLoaders {
  identifiers: DataLoader<string, ApplicantIdentifier[]>;
  sourceRecords: DataLoader<string, SourceRecord[]>;
  attributes: DataLoader<string, GoldenAttribute[]>;
}

@Injectable()
export class ApplicantLoadersFactory {
  constructor(private readonly applicants: ApplicantRepository) {}

  create(): ApplicantLoaders {
    return {
      identifiers: new DataLoader((ids) => this.applicants.identifiersFor([...ids])),
      sourceRecords: new DataLoader((ids) => this.applicants.sourceRecordsFor([...ids])),
      attributes: new DataLoader((ids) => this.applicants.attributesFor([...ids])),
    };
  }
}
