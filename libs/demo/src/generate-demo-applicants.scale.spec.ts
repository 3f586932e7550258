import {
  upgradeResidentId15,
  validateProjectCode,
  validateRealEstateUnitNo,
  validateResidentId,
  validateUscc,
} from '@oncegate/identifiers';
import { createHash } from 'node:crypto';
import { generateDemoApplicants, type DemoApplicant, type DepartmentSystem } from './index';

const NOW = new Date('2026-11-01T00:00:00Z');
const SYSTEMS: readonly DepartmentSystem[] = [
  'project-approval',
  'land-planning',
  'tax',
  'social-insurance',
];

const attribute = (applicant: DemoApplicant, name: string) =>
  applicant.attributes.find((a) => a.name === name)?.value;

describe('generateDemoApplicants at scale', () => {
  it('still gives the default data set everything else is built on, byte for byte', () => {
    // Fingerprint of JSON.stringify(generateDemoApplicants()). Changing the default
    // demo data is sometimes right, but never a side effect: update this on purpose.
    const json = JSON.stringify(generateDemoApplicants());
    expect(createHash('sha256').update(json).digest('hex')).toBe(
      'dd6bef0943b470172936bb541fc2882eb544bb5f713a48cd9c46e9dc6f46cd1d',
    );
  });

  // Time is not asserted (machines differ); what grew super-linearly before (name
  // and ID spaces filling up, employer links) must stay correct at this size.
  describe('60,000 applicants (40,000 persons, 20,000 enterprises)', () => {
    const all = generateDemoApplicants({ seed: 11, persons: 40_000, enterprises: 20_000 });
    const persons = all.filter((a) => a.kind === 'PERSON');
    const enterprises = all.filter((a) => a.kind === 'ENTERPRISE');

    it('has the asked-for counts, persons first', () => {
      expect(all).toHaveLength(60_000);
      expect(persons).toHaveLength(40_000);
      expect(all.slice(0, 40_000).every((a) => a.kind === 'PERSON')).toBe(true);
    });

    it('has unique identifiers (legacy originals included) and unique enterprise names', () => {
      const values = all.flatMap((a) =>
        a.identifiers.flatMap((i) => (i.originalValue ? [i.value, i.originalValue] : [i.value])),
      );
      expect(new Set(values).size).toBe(values.length);
      const names = enterprises.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
    });

    it('gives every person a valid resident ID that agrees with their attributes', () => {
      for (const person of persons) {
        const [id] = person.identifiers;
        const result = validateResidentId(id.value, { today: NOW });
        if (!result.valid) throw new Error(`invalid resident ID ${id.value}`);
        expect(result.parts.gender).toBe(attribute(person, 'gender'));
        expect(result.parts.birthDate).toBe(attribute(person, 'birthDate'));
        expect(Number(id.value.slice(14, 17))).toBeLessThan(996);
        if (id.originalValue) expect(upgradeResidentId15(id.originalValue)).toBe(id.value);
      }
    });

    it('gives every enterprise a USCC that passes without warnings, in its county', () => {
      for (const enterprise of enterprises) {
        const uscc = enterprise.identifiers[0].value;
        const result = validateUscc(uscc);
        if (!result.valid || result.warnings.length > 0) throw new Error(`bad USCC ${uscc}`);
        expect(uscc.slice(2, 8)).toBe(attribute(enterprise, 'divisionCode'));
      }
    });

    it('has unique, valid local IDs in every system', () => {
      for (const system of SYSTEMS) {
        const records = all.flatMap((a) => a.sourceRecords.filter((r) => r.system === system));
        expect(records.length).toBeGreaterThan(0);
        expect(new Set(records.map((r) => r.localId)).size).toBe(records.length);
        for (const record of records) {
          if (system === 'project-approval') {
            expect(validateProjectCode(record.localId, NOW).valid).toBe(true);
          } else if (system === 'land-planning') {
            const unit = validateRealEstateUnitNo(record.localId);
            expect(unit.valid && unit.warnings.length === 0).toBe(true);
          }
        }
      }
    });

    it('links employees to an insured employer of their county that existed when they were seen', () => {
      const employers = new Map(
        enterprises.flatMap((e) => {
          const record = e.sourceRecords.find((r) => r.system === 'social-insurance');
          return record ? [[e.identifiers[0].value, { enterprise: e, record }] as const] : [];
        }),
      );
      const staff = new Map<string, number>();
      for (const person of persons) {
        for (const record of person.sourceRecords) {
          const uscc = record.normalized.employerUscc as string | undefined;
          if (uscc === undefined) continue;
          const employer = employers.get(uscc);
          if (!employer) throw new Error(`employer ${uscc} is not an insured demo enterprise`);
          expect(record.rawPayload.employer_name).toBe(employer.enterprise.name);
          expect(employer.record.normalized.divisionCode).toBe(record.normalized.divisionCode);
          const founded = attribute(employer.enterprise, 'establishedOn') as string;
          expect(founded < record.observedAt.toISOString().slice(0, 10)).toBe(true);
          staff.set(uscc, (staff.get(uscc) ?? 0) + 1);
        }
      }
      expect(staff.size).toBeGreaterThan(1_000);
      for (const [uscc, count] of staff) {
        const { record } = employers.get(uscc) as {
          record: { normalized: Record<string, unknown> };
        };
        expect(record.normalized.insuredCount as number).toBeGreaterThanOrEqual(count);
      }
    });
  });
});
