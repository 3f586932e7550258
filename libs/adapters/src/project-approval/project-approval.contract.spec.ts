import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SourceErrorCode, departmentContract } from '../shared';
import {
  parseErrorEnvelope,
  parseProjectChangesResponse,
  parseProjectListResponse,
  parseProjectResponse,
  parseXmsbResponse,
  toProject,
  xmsbRejection,
} from './project-approval.mapper';

/**
 * Contract test, adapter side: the mapper reads every example the contract
 * ships (success and error answers of every operation) and checks every field
 * the contract defines. The other side — the simulator answers only what the
 * contract allows — is libs/simulators/src/project-approval.
 */
interface Example {
  where: string;
  operationId: string;
  status: string;
  summary: string;
  value: unknown;
}

type Node = Record<string, unknown>;

const contract = parse(
  readFileSync(departmentContract('project-approval.openapi.yaml'), 'utf8'),
  // The examples share rows through YAML anchors.
  { maxAliasCount: -1 },
) as Node;

function resolve(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Node>((at, key) => at[key] as Node, contract);
}

function summaryOf(example: Node): string {
  return typeof example.summary === 'string' ? example.summary : '';
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const [path, item] of Object.entries(contract.paths as Node)) {
    for (const [method, op] of Object.entries(item as Node)) {
      const operation = op as Node;
      for (const [status, response] of Object.entries(operation.responses as Node)) {
        const content = (resolve(response as Node).content as Node)['application/json'] as Node;
        for (const [name, example] of Object.entries((content.examples ?? {}) as Node)) {
          found.push({
            where: `${method.toUpperCase()} ${path} ${status} ${name}`,
            operationId: operation.operationId as string,
            status,
            summary: summaryOf(resolve(example as Node)),
            value: resolve(example as Node).value,
          });
        }
      }
    }
  }
  return found;
}

const all = examples();

describe('project-approval contract, adapter side', () => {
  it('ships examples for every response of every operation', () => {
    const covered = new Set(all.map((e) => `${e.operationId} ${e.status}`));
    expect([...covered].sort()).toEqual(
      [
        'createXmsb 200',
        'createXmsb 400',
        'createXmsb 401',
        'createXmsb 409',
        'createXmsb 422',
        'createXmsb 500',
        'createXmsb 503',
        'getXmxx 200',
        'getXmxx 400',
        'getXmxx 401',
        'getXmxx 404',
        'getXmxx 500',
        'getXmxx 503',
        'listXmxx 200',
        'listXmxx 400',
        'listXmxx 401',
        'listXmxx 500',
        'listXmxx 503',
        'listXmzl 200',
        'listXmzl 400',
        'listXmzl 401',
        'listXmzl 500',
        'listXmzl 503',
      ].sort(),
    );
  });

  it.each(all.filter((e) => e.status === '200').map((e) => [e.where, e] as const))(
    'the mapper reads %s',
    (_where, example) => {
      if (example.operationId === 'listXmxx') {
        const page = parseProjectListResponse(example.value);
        const rows = (example.value as { data: { rows: unknown[] } }).data.rows;
        expect(page.projects).toHaveLength(rows.length);
        for (const project of page.projects) {
          expect(project.projectCode).toMatch(/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/);
          if (project.applicantUscc !== null)
            expect(project.applicantUscc).toMatch(/^[0-9A-Z]{18}$/);
        }
      } else if (example.operationId === 'listXmzl') {
        checkChangesExample(example);
      } else if (example.operationId === 'createXmsb') {
        expect(parseXmsbResponse(example.value)).toEqual({
          receiptNo: 'XMSB20261125000001',
          receivedAt: new Date('2026-11-25T01:30:02Z'),
          duplicate: example.where.endsWith('duplicate'),
        });
      } else {
        expect(parseProjectResponse(example.value).projectCode).toMatch(/^\d{4}-/);
      }
    },
  );

  /**
   * A page of the 增量查询, read with the cursor its summary says it was asked
   * with (`scgxsj=…&scxmdm=…`), so "strictly after the cursor" is checked too.
   */
  function checkChangesExample(example: Example): void {
    const asked = /scgxsj=(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})&scxmdm=([\d-]+)/.exec(
      example.summary,
    );
    const after = asked
      ? { changedAt: new Date(`${asked[1].replace(' ', 'T')}+08:00`), localId: asked[2] }
      : null;
    const page = parseProjectChangesResponse(example.value, after);
    const rows = (example.value as { data: { rows: Node[] } }).data.rows;
    expect(page.records.map((r) => r.localId)).toEqual(rows.map((r) => r.xmdm));
    page.records.forEach((record, i) => {
      expect(record).toMatchObject({
        system: 'project-approval',
        kind: 'ENTERPRISE',
        name: rows[i].xmdw,
        uscc: rows[i].tyshxydm,
        legalRepresentative: rows[i].fddbr,
        phone: rows[i].lxdh,
        address: null,
      });
      expect(record.raw).toBe(rows[i]);
    });
  }

  it('reads the 增量查询 examples as one feed: the first page leads to the next', () => {
    const pages = all.filter((e) => e.operationId === 'listXmzl' && e.status === '200');
    const first = pages.find((e) => e.where.endsWith('firstPage'))!;
    const next = pages.find((e) => e.where.endsWith('nextPage'))!;
    const upToDate = pages.find((e) => e.where.endsWith('upToDate'))!;
    const one = parseProjectChangesResponse(first.value, null);
    expect(one.total).toBeGreaterThan(one.records.length);
    const last = one.records[one.records.length - 1];
    // The next page's summary names the last row of the first page as its cursor.
    expect(next.summary).toContain(`scxmdm=${last.localId}`);
    const two = parseProjectChangesResponse(next.value, last);
    expect(two.total).toBe(two.records.length);
    const end = two.records[two.records.length - 1];
    expect(upToDate.summary).toContain(`scxmdm=${end.localId}`);
    expect(parseProjectChangesResponse(upToDate.value, end).records).toEqual([]);
    // The feed's order: 更新时间 ascending across both pages.
    const times = [...one.records, ...two.records].map((r) => r.changedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it.each(all.filter((e) => e.status !== '200').map((e) => [e.where, e] as const))(
    'the mapper reads the error envelope of %s',
    (_where, example) => {
      const envelope = parseErrorEnvelope(example.value);
      expect(envelope).not.toBeNull();
      // The code family agrees with the HTTP status (4xxx → 4xx, 5xxx → 5xx).
      expect(envelope?.code[0]).toBe(example.status[0]);
      if (example.operationId === 'createXmsb') {
        // A refusal of the content is final; a refused token (401) or a failure (5xx) is not.
        const rejection = xmsbRejection(Number(example.status), example.value);
        if (['400', '409', '422'].includes(example.status)) {
          expect(rejection).toMatchObject({
            code: SourceErrorCode.SOURCE_REJECTED,
            departmentCode: envelope?.code,
          });
        } else {
          expect(rejection).toBeNull();
        }
      }
    },
  );

  it('names the items whose fields a 422 example names, not its message', () => {
    const refusals = all.filter((e) => e.operationId === 'createXmsb' && e.status === '422');
    const messages = refusals.map((e) => xmsbRejection(422, e.value)?.message);
    expect(messages).toEqual([
      expect.stringContaining('items: applicant.uscc'),
      expect.stringContaining('items: project.plannedCompletion, project.plannedStart'),
    ]);
    for (const [i, e] of refusals.entries()) {
      expect(messages[i]).not.toContain((e.value as { msg: string }).msg);
    }
  });

  const schemas = (contract.components as Node).schemas as Node;
  const projectFields = Object.keys((schemas.Xmxx as Node).properties as Node);
  const stageFields = Object.keys((schemas.Blhj as Node).properties as Node);
  const sampleRow = (
    all.find((e) => e.operationId === 'getXmxx' && e.status === '200')?.value as { data: Node }
  ).data;

  it('defines every field as required, so a missing one is a broken answer', () => {
    expect((schemas.Xmxx as Node).required).toEqual(expect.arrayContaining(projectFields));
    expect((schemas.Blhj as Node).required).toEqual(expect.arrayContaining(stageFields));
  });

  it.each(projectFields)('the mapper checks the project field %s', (field) => {
    const row: Node = { ...sampleRow };
    delete row[field];
    expect(() => toProject(row, 'data')).toThrow(
      expect.objectContaining({
        code: SourceErrorCode.SOURCE_INVALID_RESPONSE,
        message: expect.stringContaining(`data.${field}`) as unknown,
      }),
    );
  });

  it.each(stageFields)('the mapper checks the step field %s', (field) => {
    const stages = sampleRow.blhj as Node[];
    const stage: Node = { ...stages[0] };
    delete stage[field];
    expect(() => toProject({ ...sampleRow, blhj: [stage] }, 'data')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(`data.blhj[0].${field}`) as unknown,
      }),
    );
  });
});
