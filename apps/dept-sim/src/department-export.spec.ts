import { DEPARTMENT_RECORD_COLUMNS, type DepartmentRecordRow } from '@oncegate/simulators';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { csvField, departmentRecordLine } from './department-export';

/** Text with the characters CSV cares about, and the mess departments hold (full width, CJK). */
const text = fc.string({
  unit: fc.constantFrom('a', '1', ' ', ',', '"', '\n', '\r', '，', '３', '張', 'x', '-'),
  maxLength: 12,
});

const row = fc.record<DepartmentRecordRow>({
  record_id: text,
  system: fc.constantFrom('project-approval', 'land-planning', 'tax', 'social-insurance'),
  kind: fc.constantFrom('PERSON', 'ENTERPRISE'),
  name: text,
  uscc: text,
  resident_id: text,
  legal_rep: text,
  birth_date: text,
  phone: text,
  address: text,
});

describe('department-records.csv lines', () => {
  it('write each field exactly as csv-stringify would', () => {
    fc.assert(
      fc.property(text, (value) => expect(`${csvField(value)}\n`).toBe(stringify([[value]]))),
    );
  });

  it('read back as the row, column for column, in DEPARTMENT_RECORD_COLUMNS order', () => {
    fc.assert(
      fc.property(row, (r) => {
        const line = departmentRecordLine(r);
        expect(line).toBe(stringify([DEPARTMENT_RECORD_COLUMNS.map((c) => r[c])]));
        const [cells]: string[][] = parse(line);
        expect(cells).toEqual(DEPARTMENT_RECORD_COLUMNS.map((c) => r[c]));
      }),
    );
  });
});
