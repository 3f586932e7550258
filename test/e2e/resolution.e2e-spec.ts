import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryResolver, type IncomingRecord } from '@oncegate/registry';
import { residentIdCheckChar } from '@oncegate/identifiers';
import { specFileWith } from '../support/construction-application';
import { describeGateway } from '../support/gateway';

/**
 * Journey: a data steward works the review queue — sees why two records might
 * be one person, links them, sees the history, and undoes it with a split —
 * all through GraphQL. The gateway runs with a spec whose link threshold is
 * so high that a strong but not certain pair waits for a person.
 */
const dir = mkdtempSync(join(tmpdir(), 'oncegate-resolution-'));
const specFile = specFileWith(dir, 'strict.json', {
  thresholds: { link: 0.999999999, review: 0.001 },
  em: { randomPairs: 50_000 },
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const first17 = '33052219810405271';
const PERSON_ID = first17 + residentIdCheckChar(first17);
const records: IncomingRecord[] = [
  {
    system: 'tax',
    localId: 'E2E-TAX-1',
    kind: 'PERSON',
    name: '欧阳明辉',
    uscc: null,
    residentId: PERSON_ID,
    legalRepresentative: null,
    birthDate: '1981-04-05',
    phone: '13900000001',
    address: '长兴县太湖街道龙山路8号',
    changedAt: new Date('2026-01-02T00:00:00Z'),
    raw: {},
  },
  {
    system: 'land-planning',
    localId: 'E2E-LP-1',
    kind: 'PERSON',
    name: '欧阳明辉',
    uscc: null,
    residentId: null,
    legalRepresentative: null,
    birthDate: '19810405',
    phone: null,
    address: '长兴县太湖街道龙山路10号',
    changedAt: new Date('2026-03-04T00:00:00Z'),
    raw: {},
  },
];

const CANDIDATES = `query { matchCandidates(first: 500) {
  id status probability
  explanation { weight prior evidence { comparison level weight } }
  recordA { id system localId } recordB { id system localId }
  applicantA { id } applicantB { id }
} }`;

type Candidate = {
  id: string;
  status: string;
  probability: number;
  explanation: { evidence: { comparison: string; level: string; weight: number }[] };
  recordA: { id: string; localId: string };
  recordB: { id: string; localId: string };
  applicantA: { id: string };
  applicantB: { id: string };
};

describeGateway(
  'the review queue, merge and split',
  (gateway) => {
    let candidate: Candidate;

    beforeAll(async () => {
      await gateway.app.get(RegistryResolver).ingest(records);
      const res = await gateway.graphql<{ matchCandidates: Candidate[] }>(CANDIDATES);
      expect(res.errors).toBeUndefined();
      const found = res.data!.matchCandidates.find(
        (c) => [c.recordA.localId, c.recordB.localId].sort().join() === 'E2E-LP-1,E2E-TAX-1',
      );
      expect(found).toBeDefined();
      candidate = found!;
    });

    it('shows a queued pair with the evidence for and against', () => {
      expect(candidate.status).toBe('PENDING');
      expect(candidate.probability).toBeGreaterThan(0.001);
      expect(candidate.probability).toBeLessThan(0.999999999);
      expect(candidate.applicantA.id).not.toBe(candidate.applicantB.id);
      const name = candidate.explanation.evidence.find((e) => e.comparison === 'person_name');
      expect(name).toMatchObject({ level: 'exact' });
      expect(name!.weight).toBeGreaterThan(0);
    });

    it('refuses a decision without a reason, on an unknown id, and twice', async () => {
      const resolve = (id: string, reason: string) =>
        gateway.graphql(
          `mutation($id: ID!, $reason: String!) { resolveMatch(id: $id, decision: LINK, reason: $reason) { id status } }`,
          { id, reason },
          { 'X-User-Id': 'steward-wang' },
        );
      expect((await resolve(candidate.id, ' ')).errors?.[0].extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        (await resolve('00000000-0000-0000-0000-000000000000', '核实')).errors?.[0].extensions
          ?.code,
      ).toBe('NOT_FOUND');
      const linked = await resolve(candidate.id, '窗口核实身份证');
      expect(linked.errors).toBeUndefined();
      expect((await resolve(candidate.id, '再次')).errors?.[0].extensions?.code).toBe('CONFLICT');
    });

    it('links the two applicants: the merged id resolves to the survivor, with history and conflicts', async () => {
      const res = await gateway.graphql<{
        a: {
          id: string;
          sourceRecords: { localId: string }[];
          history: { type: string; actor: string; reason: string | null }[];
          conflicts: { attribute: string; values: { value: string; source: string }[] }[];
        };
        b: { id: string };
      }>(
        `query($a: ID!, $b: ID!) {
          a: applicant(id: $a) { id sourceRecords { localId } history { type actor reason } conflicts { attribute values { value source } } }
          b: applicant(id: $b) { id }
        }`,
        { a: candidate.applicantA.id, b: candidate.applicantB.id },
      );
      expect(res.errors).toBeUndefined();
      const { a, b } = res.data!;
      expect(a.id).toBe(b.id);
      expect(a.sourceRecords.map((r) => r.localId).sort()).toEqual(['E2E-LP-1', 'E2E-TAX-1']);
      expect(a.history.map((e) => e.type)).toEqual(
        expect.arrayContaining(['MERGED', 'REVIEW_DECIDED']),
      );
      expect(a.history.find((e) => e.type === 'MERGED')).toMatchObject({
        actor: 'user:steward-wang@test-default',
        reason: '窗口核实身份证',
      });
      const address = a.conflicts.find((c) => c.attribute === 'address');
      expect(address?.values.map((v) => v.source).sort()).toEqual(['LAND_PLANNING', 'TAX']);
    });

    it('undoes the link with a split: the merged applicant is back under its own id', async () => {
      const survivor = (
        await gateway.graphql<{ applicant: { id: string } }>(
          `query($id: ID!) { applicant(id: $id) { id } }`,
          { id: candidate.applicantA.id },
        )
      ).data!.applicant.id;
      // The record the merged applicant brought.
      const [merged, record] =
        candidate.applicantA.id === survivor
          ? [candidate.applicantB.id, candidate.recordB]
          : [candidate.applicantA.id, candidate.recordA];
      const res = await gateway.graphql<{
        splitApplicant: { id: string; sourceRecords: { localId: string }[] };
      }>(
        `mutation($id: ID!, $records: [ID!]!) {
          splitApplicant(applicantId: $id, sourceRecordIds: $records, reason: "两人同名同生日") { id sourceRecords { localId } }
        }`,
        { id: survivor, records: [record.id] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.splitApplicant).toEqual({
        id: merged,
        sourceRecords: [{ localId: record.localId }],
      });
      const back = await gateway.graphql<{
        applicant: { id: string; history: { type: string }[] };
      }>(`query($id: ID!) { applicant(id: $id) { id history { type } } }`, { id: merged });
      expect(back.data!.applicant.id).toBe(merged);
      expect(back.data!.applicant.history.map((e) => e.type)).toContain('SPLIT_FROM');
      const pending = await gateway.graphql<{ matchCandidates: Candidate[] }>(CANDIDATES);
      expect(pending.data!.matchCandidates.some((c) => c.id === candidate.id)).toBe(false);
    });
  },
  { MATCH_SPEC_FILE: specFile },
);
