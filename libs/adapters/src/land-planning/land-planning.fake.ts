import {
  changesPageSize,
  pageAfter,
  type ChangeCursor,
  type DepartmentApplicantRecord,
  type DepartmentRecordPage,
  type DepartmentSubmission,
  type SubmissionReceipt,
} from '../shared';
import { FakeSubmissions } from '../shared/fake-submissions';
import { LAND_PLANNING_CHANGES_PAGE_LIMIT } from './land-planning.http-adapter';
import { toLandPlanningApplication } from './land-planning.mapper';
import { LandPlanningPort } from './land-planning.port';
import type { LandParcel } from './land-planning.types';

/**
 * In-memory stand-in for the land-planning department, for other units'
 * tests: parcels are found by their `holderId`; the change feed serves the
 * records given to `putRecords` (a record put again under its localId is an
 * update); every call is recorded; `failWith` makes the next calls fail as
 * the real adapter would (a `SourceError`). Applications are checked as the
 * real adapter checks them (a RangeError for one it could not send),
 * recorded, and deduplicated by idempotency key (`submissions`).
 */
export class LandPlanningFake extends LandPlanningPort {
  /** The holder ids of each `parcelsByHolder` call, in order. */
  readonly calls: string[][] = [];
  /** The arguments of each `changes` call, in order. */
  readonly changeCalls: { after: ChangeCursor | null; limit: number }[] = [];
  private readonly byHolder = new Map<string, LandParcel[]>();
  private readonly records = new Map<string, DepartmentApplicantRecord>();
  /** Every submission delivered (`calls`), the cases opened and their receipts (`cases()`), `counts()`. */
  readonly submissions = new FakeSubmissions('land-planning', 'YDSQ-FAKE-');
  private failure: Error | null = null;

  constructor(parcels: Iterable<LandParcel> = []) {
    super();
    this.add(...parcels);
  }

  add(...parcels: LandParcel[]): this {
    for (const parcel of parcels) {
      const list = this.byHolder.get(parcel.holderId);
      if (list) list.push(parcel);
      else this.byHolder.set(parcel.holderId, [parcel]);
    }
    return this;
  }

  /** Records for the change feed, keyed by localId: one put again replaces the old one, as a department's change does. */
  putRecords(...records: DepartmentApplicantRecord[]): this {
    for (const record of records) this.records.set(record.localId, record);
    return this;
  }

  /** Every following call rejects with `error` (null to recover). */
  failWith(error: Error | null): this {
    this.failure = error;
    return this;
  }

  parcelsByHolder(holderIds: readonly string[]): Promise<ReadonlyMap<string, LandParcel[]>> {
    this.calls.push([...holderIds]);
    if (this.failure) return Promise.reject(this.failure);
    const found = new Map<string, LandParcel[]>();
    for (const id of holderIds) {
      const parcels = this.byHolder.get(id);
      if (parcels) found.set(id, [...parcels]);
    }
    return Promise.resolve(found);
  }

  /** A receipt as the platform gives it: the first for a key, the same again (`duplicate`) for a repeat. */
  submit(submission: DepartmentSubmission): Promise<SubmissionReceipt> {
    return this.submissions.submit(submission, toLandPlanningApplication, this.failure);
  }

  /** As the real adapter pages (at most 500 a page), sorting the records at each call: fine for tests. */
  changes(after: ChangeCursor | null, limit: number): Promise<DepartmentRecordPage> {
    this.changeCalls.push({ after, limit });
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve().then(() =>
      pageAfter(
        this.records.values(),
        after,
        changesPageSize('land-planning', limit, LAND_PLANNING_CHANGES_PAGE_LIMIT),
      ),
    );
  }
}

/** A complete applicant record as the change feed maps it (an enterprise holding the fixture's unit), to build test data from. */
export function landPlanningRecordFixture(
  overrides: Partial<DepartmentApplicantRecord> = {},
): DepartmentApplicantRecord {
  return {
    system: 'land-planning',
    localId: '330523006005GB00001F00050000',
    kind: 'ENTERPRISE',
    name: '安吉县远昌印刷包装有限公司',
    uscc: '91330523MA2D292A2M',
    residentId: null,
    legalRepresentative: '林子轩',
    birthDate: null,
    phone: '18996610447',
    address: '安吉县报福镇振兴路64号',
    changedAt: new Date('2026-06-16T02:44:32Z'),
    raw: {},
    ...overrides,
  };
}

/** A complete, realistic parcel (an industrial 出让 parcel in 安吉县 with all its documents) to build test data from. */
export function landParcelFixture(overrides: Partial<LandParcel> = {}): LandParcel {
  return {
    realEstateUnitNo: '330523006005GB00001F00050000',
    parcelCode: '330523006005GB00001',
    location: '安吉县报福镇建设路697号',
    areaSquareMeters: 35759.91,
    landUse: '工业用地',
    rightType: '国有建设用地使用权/房屋所有权',
    rightNature: 'TRANSFER',
    rightNatureLabel: '出让',
    holderId: '91330523MA2D292A2M',
    holderName: '安吉县远昌印刷包装有限公司',
    certificateNo: '浙(2026)安吉县不动产权第0000001号',
    registeredAt: new Date('2026-06-16T02:44:32Z'),
    termFrom: '2026-06-16',
    termTo: '2076-06-15',
    projectCode: '2509-330523-89-03-006325',
    redLine: {
      type: 'Polygon',
      coordinates: [
        [
          [119.6124927, 30.6269294],
          [119.6149505, 30.6260498],
          [119.6155127, 30.6272131],
          [119.6130549, 30.6280926],
          [119.6124927, 30.6269294],
        ],
      ],
    },
    sitePreApproval: {
      certNo: '33052320251000001',
      projectCode: '2509-330523-89-03-006325',
      projectName: '年产5100吨环保包装材料项目',
      applicantName: '安吉县远昌印刷包装有限公司',
      applicantUscc: '91330523MA2D292A2M',
      basisDocNo: '安发改备〔2025〕001号',
      proposedLocation: '安吉县报福镇建设路697号',
      proposedLandAreaHectares: 3.576,
      newConstructionLandAreaHectares: 2.0871,
      farmlandAreaHectares: 1.2608,
      cultivatedLandAreaHectares: 0.2101,
      proposedScale: '总建筑面积约55785平方米',
      issueDate: '2025-10-29',
      issuer: '安吉县自然资源和规划局',
    },
    landUsePlanningPermit: {
      certNo: '33052320262000001',
      projectCode: '2509-330523-89-03-006325',
      projectName: '年产5100吨环保包装材料项目',
      landUserName: '安吉县远昌印刷包装有限公司',
      landUserUscc: '91330523MA2D292A2M',
      location: '安吉县报福镇建设路697号',
      landUse: '工业用地',
      landAreaSquareMeters: 35759.91,
      buildingScale: '总建筑面积约55785平方米',
      landSupplyMode: 'TRANSFER',
      allocationDecisionNo: null,
      transferContractNo: '3305232026B00001',
      issueDate: '2026-02-28',
      issuer: '安吉县自然资源和规划局',
    },
    constructionPlanningPermits: [
      {
        certNo: '33052320263000001',
        projectCode: '2509-330523-89-03-006325',
        projectName: '年产5100吨环保包装材料项目',
        builderName: '安吉县远昌印刷包装有限公司',
        builderUscc: '91330523MA2D292A2M',
        location: '安吉县报福镇建设路697号',
        totalFloorAreaSquareMeters: 55785.46,
        aboveGroundFloorAreaSquareMeters: 55785.46,
        belowGroundFloorAreaSquareMeters: 0,
        floorsAboveGround: 2,
        floorsBelowGround: 0,
        buildingHeightMeters: 12.2,
        planningConditionsRef: '安规条〔2026〕001号',
        approvedPlanRef: '安自然资规方案〔2026〕001号',
        issueDate: '2026-05-16',
        issuer: '安吉县自然资源和规划局',
      },
    ],
    transferContract: {
      contractNo: '3305232026B00001',
      grantor: '安吉县自然资源和规划局',
      granteeName: '安吉县远昌印刷包装有限公司',
      granteeId: '91330523MA2D292A2M',
      location: '安吉县报福镇建设路697号',
      landAreaSquareMeters: 35759.91,
      landUse: '工业用地',
      termYears: 50,
      priceYuan: 21420200,
      depositYuan: 4284040,
      paymentSchedule: '分两期：合同签订之日起30日内缴纳50%，余款于180日内付清',
      plotRatio: { min: 1.5, max: 2 },
      buildingDensityPercent: { min: 30, max: null },
      greenRatioPercent: { min: null, max: 15 },
      startDeadline: '2026-09-23',
      completionDeadline: '2029-09-22',
      signDate: '2026-01-04',
    },
    ...overrides,
  };
}

/**
 * A complete, valid land-planning submission for `procedure` (an industrial
 * project of 安吉县: LAND_PREEXAM_SITE_SELECTION with its 总投资 and 行政区划,
 * LAND_USE_PLANNING_PERMIT with its 总建筑面积 and 不动产单元号), with any field
 * overridden; `items` are merged into the fixture's (an empty value drops the
 * item, as an absent one).
 */
export function landPlanningSubmissionFixture(
  procedure:
    'LAND_PREEXAM_SITE_SELECTION' | 'LAND_USE_PLANNING_PERMIT' = 'LAND_USE_PLANNING_PERMIT',
  overrides: Partial<DepartmentSubmission> = {},
): DepartmentSubmission {
  const common = {
    'applicant.name': '安吉县远昌印刷包装有限公司',
    'applicant.uscc': '91330523MA2D292A2M',
    'applicant.legalRepName': '林子轩',
    'contact.name': '周敏',
    'contact.phone': '18996610447',
    'project.code': '2509-330523-89-03-006325',
    'project.name': '年产5100吨环保包装材料项目',
    'project.address': '安吉县报福镇建设路697号',
    'land.area': '35759.91',
    'land.use': 'INDUSTRIAL',
  };
  const own: Record<string, string> =
    procedure === 'LAND_PREEXAM_SITE_SELECTION'
      ? { 'project.divisionCode': '330523', 'project.totalInvestment': '15800' }
      : { 'project.totalFloorArea': '55785.46', 'land.unitNo': '330523006005GB00001W00000000' };
  return {
    idempotencyKey: '2b9c4e1a-7f30-4d5b-8e62-1a0f9c3d7e45',
    applicationId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    applicationNo: 'OG-20261125-000124',
    procedure,
    submittedAt: new Date('2026-11-25T01:31:00Z'),
    ...overrides,
    items: { ...common, ...own, ...overrides.items },
  };
}
