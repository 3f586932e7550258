import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeNotice } from '@oncegate/registry';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';

const contract = parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', 'contracts', 'webhooks', 'change-notice.openapi.yaml'),
    'utf8',
  ),
) as {
  webhooks: Record<
    string,
    { post: { requestBody: { content: Record<string, { example: unknown }> } } }
  >;
  components: unknown;
};
const ajv = new Ajv2020({ strict: false, validateFormats: false });
ajv.addSchema({ $id: 'change-notice', components: contract.components });
const valid = ajv.compile({ $ref: 'change-notice#/components/schemas/ChangeNotice' });

describe('contracts/webhooks/change-notice.openapi.yaml', () => {
  it('holds an example that fits its own schema', () => {
    const example =
      contract.webhooks.applicantChanged.post.requestBody.content['application/json'].example;
    expect(valid(example) ? [] : valid.errors).toEqual([]);
  });

  it('describes an attribute that disappeared, and refuses a notice off the contract', () => {
    const removed: ChangeNotice = {
      type: 'applicant.changed',
      changeId: '7',
      department: 'tax',
      applicant: {
        id: 'a',
        identifiers: [{ scheme: 'RESIDENT_ID', value: '33052219810405271X' }],
        records: [{ localId: 'T-1' }],
      },
      attribute: 'phone',
      oldValue: '13905720001',
      newValue: null,
      source: null,
      changedAt: '2026-03-09T02:00:03.512Z',
    };
    expect(valid(removed) ? [] : valid.errors).toEqual([]);
    expect(valid({ ...removed, department: 'market-regulation' })).toBe(false);
    expect(valid({ ...removed, changeId: 7 })).toBe(false);
  });
});
