import {
  DepartmentCallPolicy,
  ResponseCache,
  type ChangeCursor,
  type DepartmentAdapterOptions,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { TAX_MAX_BATCH, TAX_MAX_CHANGES_PAGE, type TaxConfig } from './tax.config';
import {
  mapBatchGetTaxpayerInfoResponse,
  mapSubmitTaxInfoConfirmationResponse,
  mapTaxpayerInfoChangesResponse,
  taxChangesRequest,
  toTaxInfoConfirmationRequest,
} from './tax.mapper';
import { TaxPort } from './tax.port';
import { TaxSoapClient } from './tax.soap-client';
import type { TaxProfile } from './tax.types';

/** What the tax system accepts as an NSRSBH; anything else cannot be known there and is not sent. */
const ASKABLE = /^[0-9A-Za-z]{15,20}$/;

/**
 * The real tax adapter: SOAP through the `soap` package against tax.wsdl.
 * Every call goes through the department's call policy (timeout budget ⊃
 * retry ⊃ circuit breaker); answers are cached per 纳税人识别号 for the
 * configured TTL ("not known" too); the numbers not in the cache go out as
 * one BatchGetTaxpayerInfo per 100, in parallel. The change feed
 * (GetTaxpayerInfoChanges) goes through the same policy — it is an idempotent
 * read, so retried like the others — but never through the cache: a sync asks
 * for what changed, and a cached page would hide it.
 */
export class TaxSoapAdapter extends TaxPort {
  private readonly policy: DepartmentCallPolicy;
  private readonly cache: ResponseCache<TaxProfile>;
  private readonly soap: TaxSoapClient;

  constructor(config: TaxConfig, options: DepartmentAdapterOptions = {}) {
    super();
    this.policy = new DepartmentCallPolicy('tax', config, options.observer);
    this.cache = new ResponseCache<TaxProfile>(config.cacheTtlMs);
    this.soap = new TaxSoapClient(config);
  }

  async taxpayers(taxpayerIds: readonly string[]): Promise<ReadonlyMap<string, TaxProfile>> {
    const askable = [...new Set(taxpayerIds)].filter((id) => ASKABLE.test(id));
    const found = new Map<string, TaxProfile>();
    if (askable.length === 0) return found;
    const values = await this.cache.getMany(askable, (missing) => this.fetch(missing));
    askable.forEach((id, i) => {
      const profile = values[i];
      if (profile) found.set(id, profile);
    });
    return found;
  }

  async changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    const request = taxChangesRequest(after, limit, TAX_MAX_CHANGES_PAGE);
    // Mapping inside the policy, as for lookups: a page off the contract counts against the breaker.
    return this.policy.read('changes', async (signal) =>
      mapTaxpayerInfoChangesResponse(
        await this.soap.getTaxpayerInfoChanges(request, signal),
        after,
        request.MYTS,
      ),
    );
  }

  /**
   * SubmitTaxInfoConfirmation with the idempotency key as 请求流水号: one
   * attempt under the call policy's `write` (timeout and breaker, no retry —
   * the outbox retries with the same key), mapped inside the policy as the
   * reads are. A soap:Client refusal of the content is SOURCE_REJECTED.
   */
  async submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    // Mapped before any request: a submission that cannot be put on the wire is a RangeError.
    const request = toTaxInfoConfirmationRequest(submission);
    return this.policy.write('submit', async (signal) =>
      mapSubmitTaxInfoConfirmationResponse(
        await this.soap.submitTaxInfoConfirmation(request, signal),
        request.QQLSH,
      ),
    );
  }

  /** Closes the keep-alive connections. */
  close(): Promise<void> {
    return this.soap.close();
  }

  private async fetch(taxpayerIds: readonly string[]): Promise<ReadonlyMap<string, TaxProfile>> {
    const chunks: string[][] = [];
    for (let i = 0; i < taxpayerIds.length; i += TAX_MAX_BATCH) {
      chunks.push(taxpayerIds.slice(i, i + TAX_MAX_BATCH));
    }
    // Mapping happens inside the policy: an answer that breaks the contract counts against the breaker.
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.policy.read('taxpayers', async (signal) =>
          mapBatchGetTaxpayerInfoResponse(
            await this.soap.batchGetTaxpayerInfo(chunk, signal),
            chunk,
          ),
        ),
      ),
    );
    return new Map(answers.flatMap((answer) => [...answer]));
  }
}

/** The production adapter for `TaxPort`; call `close()` on shutdown. */
export function createTaxAdapter(
  config: TaxConfig,
  options: DepartmentAdapterOptions = {},
): TaxSoapAdapter {
  return new TaxSoapAdapter(config, options);
}
