import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  LandPlanningPort,
  ProjectApprovalPort,
  type DepartmentSubmission,
} from '@oncegate/adapters';
import {
  ProcedureCatalogue,
  validateForm,
  WorkingCalendar,
  type FormField,
} from '@oncegate/applications';
import {
  ApplicantRepository,
  ApplicationRepository,
  type Applicant,
  type ProcedureStatus,
  type StoredApplication,
  type StoredItem,
  type StoredProcedure,
} from '@oncegate/registry';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

/** What OnceGate already knows about one item of an applicant's form. */
export interface Prefill {
  value: string;
  /** A department system, or null for OnceGate's own registry. */
  system: string | null;
  observedAt: Date | null;
}

export interface SubmitInput {
  idempotencyKey: string;
  applicantId: string;
  procedures: readonly string[];
  items: readonly { id: string; value: string }[];
}

/** What a department may report, and from which statuses. */
export type ReportableStatus = 'RECEIVED' | 'ACCEPTED' | 'RETURNED' | 'APPROVED' | 'REJECTED';
const TRANSITIONS: Readonly<Record<ReportableStatus, readonly ProcedureStatus[]>> = {
  RECEIVED: ['SUBMITTED', 'DELIVERED', 'RETURNED'],
  ACCEPTED: ['SUBMITTED', 'DELIVERED', 'RECEIVED', 'RETURNED'],
  RETURNED: ['SUBMITTED', 'DELIVERED', 'RECEIVED', 'ACCEPTED'],
  APPROVED: ['SUBMITTED', 'DELIVERED', 'RECEIVED', 'ACCEPTED'],
  REJECTED: ['SUBMITTED', 'DELIVERED', 'RECEIVED', 'ACCEPTED', 'RETURNED'],
};

/** China date of an instant, as YYYYMMDD. */
function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Crockford base32, without look-alikes: public application numbers. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function applicationNo(at: Date): string {
  const bytes = randomBytes(6);
  let suffix = '';
  for (const b of bytes) suffix += ALPHABET[b % 32];
  return `OG-${chinaDay(at)}-${suffix}`;
}

/** The same request, whatever the order its lists came in: what an idempotency key is bound to. */
function requestHash(input: SubmitInput): string {
  const canonical = JSON.stringify({
    applicantId: input.applicantId,
    procedures: [...input.procedures].sort(),
    items: [...input.items].map((i) => [i.id, i.value]).sort(([a], [b]) => (a < b ? -1 : 1)),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The one form (一张表单): builds an applicant's form for a set of procedures
 * with everything OnceGate already knows prefilled, takes a submission (all
 * items validated, stored with one delivery per procedure in one
 * transaction, idempotent per caller and key), and records what departments
 * report.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    readonly catalogue: ProcedureCatalogue,
    readonly calendar: WorkingCalendar,
    private readonly applicants: ApplicantRepository,
    private readonly applications: ApplicationRepository,
    private readonly projectApproval: ProjectApprovalPort,
    private readonly landPlanning: LandPlanningPort,
  ) {}

  /** The procedures by code; an unknown code is a clear input error. */
  procedures(codes: readonly string[]) {
    const unknown = codes.filter((c) => !this.catalogue.has(c));
    if (unknown.length > 0)
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `Unknown procedure: ${unknown.join(', ')}`,
        { unknownProcedures: unknown },
      );
    return [...new Set(codes)].map((c) => this.catalogue.procedure(c));
  }

  /** The active applicant this id names (following merges), or NOT_FOUND. */
  async applicant(applicantId: string): Promise<Applicant> {
    const applicant = await this.applicants.resolveSurvivor(applicantId);
    if (!applicant)
      throw new GatewayError(GatewayErrorCode.NOT_FOUND, 'No applicant has this id', {
        applicantId,
      });
    return applicant;
  }

  /** The form: the union of the procedures' items, each prefilled or missing. */
  async form(
    applicantId: string,
    procedureCodes: readonly string[],
  ): Promise<{
    applicant: Applicant;
    fields: readonly FormField[];
    prefill: Map<string, Prefill>;
  }> {
    this.procedures(procedureCodes);
    const applicant = await this.applicant(applicantId);
    const fields = this.catalogue.formItems([...new Set(procedureCodes)]);
    const prefill = await this.prefill(applicant, fields);
    return { applicant, fields, prefill };
  }

  /**
   * Values OnceGate holds for the form's items: golden attributes (with the
   * department each came from), identifiers, and department records where
   * the department holds exactly one (one project, one parcel). A department
   * that cannot answer leaves its items missing; the form still comes.
   */
  private async prefill(
    applicant: Applicant,
    fields: readonly FormField[],
  ): Promise<Map<string, Prefill>> {
    const out = new Map<string, Prefill>();
    const [[attributes], [identifiers]] = await Promise.all([
      this.applicants.attributesFor([applicant.id]),
      this.applicants.identifiersFor([applicant.id]),
    ]);
    const uscc = identifiers.find((i) => i.active && i.scheme === 'USCC')?.value ?? null;
    const departments = new Map<string, Promise<Map<string, Prefill>>>();
    for (const { item } of fields) {
      const source = item.prefill;
      if (!source) continue;
      if ('golden' in source) {
        const attribute = attributes.find((a) => a.name === source.golden);
        if (attribute)
          out.set(item.id, {
            value: attribute.value,
            system: attribute.sourceSystem,
            observedAt: attribute.observedAt,
          });
        else if (source.golden === 'name')
          out.set(item.id, {
            value: applicant.name,
            system: null,
            observedAt: applicant.updatedAt,
          });
      } else if ('identifier' in source) {
        const identifier = identifiers.find((i) => i.active && i.scheme === source.identifier);
        if (identifier)
          out.set(item.id, { value: identifier.value, system: null, observedAt: null });
      } else if (uscc) {
        let fromDepartment = departments.get(source.department);
        if (!fromDepartment) {
          fromDepartment = this.departmentValues(source.department, uscc);
          departments.set(source.department, fromDepartment);
        }
        const value = (await fromDepartment).get(source.field);
        if (value) out.set(item.id, value);
      }
    }
    return out;
  }

  /** What a department holds of an enterprise that it holds exactly one of, by field. */
  private async departmentValues(department: string, uscc: string): Promise<Map<string, Prefill>> {
    const out = new Map<string, Prefill>();
    const now = new Date();
    try {
      if (department === 'project-approval') {
        const projects = (await this.projectApproval.projectsByUscc([uscc])).get(uscc) ?? [];
        if (projects.length === 1) {
          out.set('code', { value: projects[0].projectCode, system: department, observedAt: now });
          out.set('name', { value: projects[0].name, system: department, observedAt: now });
        }
      } else if (department === 'land-planning') {
        const parcels = (await this.landPlanning.parcelsByHolder([uscc])).get(uscc) ?? [];
        if (parcels.length === 1)
          out.set('unitNo', {
            value: parcels[0].realEstateUnitNo,
            system: department,
            observedAt: now,
          });
      }
    } catch {
      // The department is down: its items stay missing for the applicant to give.
    }
    return out;
  }

  /**
   * Validates and stores an application with one delivery per procedure, in
   * one transaction, and returns it. The same caller and key again returns
   * the same application (and stores nothing); the same key with a different
   * request is refused.
   */
  async submit(
    input: SubmitInput,
    actor: string,
  ): Promise<{ application: StoredApplication; created: boolean }> {
    const existing = await this.applications.findByClientKey(actor, input.idempotencyKey);
    if (existing) return { application: this.sameRequest(existing, input), created: false };

    const procedures = this.procedures(input.procedures);
    const { applicant, fields, prefill } = await this.form(input.applicantId, input.procedures);
    const typed = new Map<string, string>();
    const problems: { item: string; code: string; message: string; prefilled?: boolean }[] = [];
    for (const { id, value } of input.items) {
      if (typed.has(id)) problems.push({ item: id, code: 'GIVEN_TWICE', message: 'given twice' });
      typed.set(id, value);
    }
    // What the applicant typed wins over what OnceGate prefilled.
    const values: Record<string, string> = Object.fromEntries(typed);
    for (const { item } of fields) {
      const pre = prefill.get(item.id);
      if (!typed.has(item.id) && pre && pre.value.trim() !== '') values[item.id] = pre.value;
    }
    const checked = validateForm(this.catalogue, input.procedures, values);
    // A prefilled value a department holds may fail the form's rules: the applicant must give it.
    problems.push(
      ...checked.problems.map((p) =>
        typed.has(p.item) || !prefill.has(p.item)
          ? p
          : {
              ...p,
              prefilled: true,
              message: `${p.message} (prefilled from a department record: please give the correct value)`,
            },
      ),
    );
    if (problems.length > 0)
      throw new GatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        `The application has ${problems.length} problem${problems.length === 1 ? '' : 's'}: nothing was stored`,
        { problems },
      );

    const now = new Date();
    const id = randomUUID();
    const items: Record<string, StoredItem> = {};
    for (const [itemId, value] of Object.entries(checked.values)) {
      const pre = prefill.get(itemId);
      items[itemId] =
        typed.has(itemId) || !pre
          ? { value, origin: 'TYPED' }
          : {
              value,
              origin: 'PREFILLED',
              source: pre.system
                ? { system: pre.system, observedAt: (pre.observedAt ?? now).toISOString() }
                : null,
            };
    }
    const number = applicationNo(now);
    const result = await this.applications.create({
      id,
      applicationNo: number,
      applicantId: applicant.id,
      clientKey: input.idempotencyKey,
      submittedBy: actor,
      requestHash: requestHash(input),
      procedures: procedures.map((p) => ({ procedure: p.code, department: p.department })),
      items,
      submittedAt: now,
      deliveries: procedures.map((p) => {
        const submission: DepartmentSubmission = {
          idempotencyKey: `${id}:${p.code}`,
          applicationId: id,
          applicationNo: number,
          procedure: p.code,
          submittedAt: now,
          items: Object.fromEntries(
            this.catalogue
              .itemsFor(p.code)
              .filter((f) => checked.values[f.item.id] !== undefined)
              .map((f) => [f.item.id, checked.values[f.item.id]]),
          ),
        };
        return {
          kind: 'SUBMISSION' as const,
          applicationId: id,
          procedure: p.code,
          target: p.department,
          idempotencyKey: submission.idempotencyKey,
          payload: submission,
        };
      }),
    });
    return {
      application: result.created
        ? result.application
        : this.sameRequest(result.application, input),
      created: result.created,
    };
  }

  private sameRequest(existing: StoredApplication, input: SubmitInput): StoredApplication {
    if (existing.requestHash !== requestHash(input))
      throw new GatewayError(
        GatewayErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This idempotency key was used for a different application',
        { idempotencyKey: input.idempotencyKey, applicationId: existing.id },
      );
    return existing;
  }

  /** An application by id, or NOT_FOUND. */
  async get(id: string): Promise<StoredApplication> {
    const application = await this.applications.findById(id);
    if (!application)
      throw new GatewayError(GatewayErrorCode.NOT_FOUND, 'No application has this id', {
        applicationId: id,
      });
    return application;
  }

  /** A department reports where a procedure stands (状态回传). */
  async report(
    applicationId: string,
    procedure: string,
    status: ReportableStatus,
    actor: string,
    note: string | null,
    departmentCaseNo: string | null,
  ): Promise<StoredApplication> {
    await this.get(applicationId);
    const spec = this.procedures([procedure])[0];
    const at = new Date();
    try {
      await this.applications.changeStatus(
        applicationId,
        procedure,
        (current, application) => {
          if (application.status === 'WITHDRAWN')
            throw new GatewayError(
              GatewayErrorCode.INVALID_STATUS_TRANSITION,
              'The application was withdrawn',
              { applicationId },
            );
          if (!TRANSITIONS[status].includes(current.status))
            throw new GatewayError(
              GatewayErrorCode.INVALID_STATUS_TRANSITION,
              `A procedure that is ${current.status} cannot become ${status}`,
              { applicationId, procedure, from: current.status, to: status },
            );
        },
        {
          status,
          at,
          ...(status === 'RECEIVED' || status === 'ACCEPTED' ? { receivedAt: at } : {}),
          ...(departmentCaseNo ? { receiptNo: departmentCaseNo } : {}),
          event: {
            type: status,
            procedure,
            department: spec.department,
            actor,
            note,
            payload: departmentCaseNo ? { departmentCaseNo } : {},
          },
        },
      );
    } catch (error) {
      if (error instanceof Error && error.message === 'no such procedure')
        throw new GatewayError(
          GatewayErrorCode.NOT_FOUND,
          'The application does not include this procedure',
          { applicationId, procedure },
        );
      throw error;
    }
    return this.get(applicationId);
  }

  /** The applicant withdraws (撤回) an application that is not yet decided everywhere. */
  async withdraw(applicationId: string, reason: string, actor: string): Promise<StoredApplication> {
    await this.get(applicationId);
    if (reason.trim().length < 2)
      throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, 'Say why: a reason is required');
    await this.applications.withdraw(
      applicationId,
      (application, procedures: StoredProcedure[]) => {
        if (application.status === 'WITHDRAWN')
          throw new GatewayError(
            GatewayErrorCode.INVALID_STATUS_TRANSITION,
            'The application is already withdrawn',
            { applicationId },
          );
        if (procedures.every((p) => p.status === 'APPROVED' || p.status === 'REJECTED'))
          throw new GatewayError(
            GatewayErrorCode.INVALID_STATUS_TRANSITION,
            'Every procedure is decided: nothing is left to withdraw',
            { applicationId },
          );
      },
      { type: 'WITHDRAWN', actor, note: reason },
      new Date(),
    );
    return this.get(applicationId);
  }
}
