import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoApplicants } from '@oncegate/demo';
import { DEPARTMENT_RECORD_COLUMNS, DEPARTMENT_SYSTEMS } from '@oncegate/simulators';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { runDeptSim } from './dept-sim';

function program(): Command {
  return new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
}

describe('dept-sim options', () => {
  it.each([
    [['--faults', '{"tax": {"errorRate": 3}}'], 'errorRate'],
    [['--faults', '{"post-office": {}}'], 'unknown department'],
    [['--faults', 'not json'], 'expected JSON'],
    [['--load', 'tax'], '<department>=<file>'],
    [['--applicants', '-5'], 'whole number'],
    [['--export-only'], '--export-only needs --export'],
  ])('refuses %j with a clear message', async (args, message) => {
    await expect(runDeptSim(program(), ['node', 'dept-sim', ...args])).rejects.toThrow(message);
  });

  it('starts the four systems on the given ports with faults', async () => {
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const sims = await runDeptSim(program(), [
        'node',
        'dept-sim',
        '--applicants',
        '30',
        '--port-base',
        '0',
        '--faults',
        '{"tax": {"latencyMs": 7}}',
      ]);
      if (!sims) throw new Error('expected the simulators to be served');
      try {
        const faults = (await (await fetch(`${sims.urls.tax}/__admin/faults`)).json()) as {
          latencyMs: number;
        };
        expect(faults.latencyMs).toBe(7);
      } finally {
        await sims.close();
      }
    } finally {
      out.mockRestore();
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    }
  });

  describe('--export', () => {
    let dir: string;
    let out: jest.SpyInstance;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'oncegate-dept-sim-'));
      out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    });

    afterEach(() => {
      out.mockRestore();
      rmSync(dir, { recursive: true, force: true });
      process.removeAllListeners('SIGINT');
      process.removeAllListeners('SIGTERM');
    });

    function readCsv(file: string): { header: string[]; rows: Record<string, string>[] } {
      const text = readFileSync(join(dir, file), 'utf8');
      const [header, ...lines]: string[][] = parse(text);
      const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
      return { header, rows };
    }

    it('writes one common table of every department record and its truth, then exits', async () => {
      const truthFile = join(dir, 'system-truth.csv');
      const result = await runDeptSim(program(), [
        'node',
        'dept-sim',
        '--applicants',
        '600',
        '--seed',
        '7',
        '--export',
        join(dir, 'out'),
        '--export-only',
        '--truth',
        truthFile,
      ]);
      expect(result).toBeUndefined();
      const printed = out.mock.calls.map((call: unknown[]) => String(call[0])).join('');
      expect(printed).toContain(join(dir, 'out', 'department-records.csv'));
      expect(printed).toContain(join(dir, 'out', 'truth.csv'));

      const records = readCsv('out/department-records.csv');
      const truth = readCsv('out/truth.csv');
      expect(records.header).toEqual([...DEPARTMENT_RECORD_COLUMNS]);
      expect(truth.header).toEqual(['record_id', 'applicant_key']);

      // Every truth row appears exactly once as a record row, and nothing else does.
      const ids = records.rows.map((r) => r.record_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(truth.rows.map((t) => t.record_id).sort()).toEqual([...ids].sort());
      expect(new Set(records.rows.map((r) => r.system))).toEqual(new Set(DEPARTMENT_SYSTEMS));
      for (const r of records.rows) expect(r.record_id.startsWith(`${r.system}:`)).toBe(true);

      // The export's truth is the simulators' own truth (system, local id), row for row.
      const systemTruth = readCsv('system-truth.csv').rows.map(
        (t) => `${t.system}:${t.local_id}>${t.applicant_key}`,
      );
      expect(truth.rows.map((t) => `${t.record_id}>${t.applicant_key}`)).toEqual(systemTruth);

      // Kinds are the population member's kind; the departments' mess survives.
      const population = generateDemoApplicants({ seed: 7, persons: 400, enterprises: 200 });
      const members = new Map(population.map((a) => [a.identifiers[0].value, a]));
      const keyOf = new Map(truth.rows.map((t) => [t.record_id, t.applicant_key]));
      const memberOf = (recordId: string) => {
        const member = members.get(keyOf.get(recordId) ?? '');
        if (!member) throw new Error(`no population member for ${recordId}`);
        return member;
      };
      for (const r of records.rows) expect(r.kind).toBe(memberOf(r.record_id).kind);
      const persons = records.rows.filter((r) => r.kind === 'PERSON');
      expect(persons.some((r) => /^\d{15}$/.test(r.resident_id))).toBe(true);
      expect(persons.some((r) => r.name !== memberOf(r.record_id).name)).toBe(true);
      expect(persons.every((r) => r.uscc === '' && r.legal_rep === '')).toBe(true);
    });

    it('exports the records the running simulators serve, then serves them', async () => {
      const sims = await runDeptSim(program(), [
        'node',
        'dept-sim',
        '--applicants',
        '60',
        '--port-base',
        '0',
        '--export',
        dir,
      ]);
      if (!sims) throw new Error('expected the simulators to be served');
      try {
        const exported = readCsv('truth.csv').rows.map((t) => `${t.record_id}>${t.applicant_key}`);
        const served = sims.truth.map((t) => `${t.system}:${t.localId}>${t.applicantKey}`);
        expect(exported.length).toBeGreaterThan(0);
        expect(exported).toEqual(served);
        expect((await fetch(`${sims.urls.tax}/__admin/faults`)).status).toBe(200);
      } finally {
        await sims.close();
      }
    });
  });
});
