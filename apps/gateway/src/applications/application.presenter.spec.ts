import { loadProcedureCatalogue, loadWorkingCalendar } from '@oncegate/applications';
import type { StoredApplication, StoredApplicationEvent } from '@oncegate/registry';
import { reuseOf, timelineOf } from './application.presenter';

const catalogue = loadProcedureCatalogue();
const calendar = loadWorkingCalendar();
const tax = catalogue.procedure('INVESTMENT_PROJECT_APPROVAL'); // 20 working days

let seq = 0;
function event(type: string, at: string, procedure = tax.code): StoredApplicationEvent {
  return {
    id: String(++seq),
    applicationId: 'a',
    seq,
    procedure,
    department: 'project-approval',
    type: type as StoredApplicationEvent['type'],
    actor: 'x',
    note: null,
    payload: {},
    occurredAt: new Date(at),
  };
}

describe('timelineOf', () => {
  it('has no clock before the department has the application', () => {
    const t = timelineOf(
      tax,
      [event('SUBMITTED', '2026-03-02T01:00:00Z', null as never)],
      calendar,
      new Date('2026-03-10T00:00:00Z'),
    );
    expect(t).toMatchObject({ startedAt: null, dueAt: null, elapsedDays: 0, overdue: false });
  });

  it('counts working days from the day after receipt, holidays excluded', () => {
    // Received Thursday 2026-09-24 (China); 25–27 Sep Mid-Autumn, 1–7 Oct National Day off; 20 Sep and 10 Oct worked.
    const events = [event('DELIVERED', '2026-09-24T02:00:00Z')];
    const t = timelineOf(tax, events, calendar, new Date('2026-10-09T06:00:00Z'));
    // Working days ended by 9 Oct (China): 28, 29, 30 Sep and 8 Oct.
    expect(t.elapsedDays).toBe(4);
    expect(t.remainingDays).toBe(16);
    expect(t.overdue).toBe(false);
  });

  it('stops the clock while returned for correction, and moves the due date on', () => {
    const start = [event('DELIVERED', '2026-03-02T02:00:00Z')];
    const plain = timelineOf(tax, start, calendar, new Date('2026-03-20T02:00:00Z'));
    const returned = [
      ...start,
      event('RETURNED', '2026-03-04T02:00:00Z'),
      event('RECEIVED', '2026-03-11T02:00:00Z'),
    ];
    const paused = timelineOf(tax, returned, calendar, new Date('2026-03-20T02:00:00Z'));
    expect(paused.elapsedDays).toBeLessThan(plain.elapsedDays);
    expect(paused.dueAt!.getTime()).toBeGreaterThan(plain.dueAt!.getTime());
    expect(paused.paused).toBe(false);
    const stillReturned = timelineOf(
      tax,
      returned.slice(0, 2),
      calendar,
      new Date('2026-03-20T02:00:00Z'),
    );
    expect(stillReturned.paused).toBe(true);
  });

  it('flags a procedure past its limit, and one decided late', () => {
    const events = [event('DELIVERED', '2026-03-02T02:00:00Z')];
    expect(timelineOf(tax, events, calendar, new Date('2026-05-01T02:00:00Z'))).toMatchObject({
      overdue: true,
      finished: false,
    });
    const late = [...events, event('APPROVED', '2026-04-30T02:00:00Z')];
    expect(timelineOf(tax, late, calendar, new Date('2026-06-01T00:00:00Z'))).toMatchObject({
      overdue: true,
      finished: true,
      remainingDays: null,
    });
    const onTime = [...events, event('APPROVED', '2026-03-10T02:00:00Z')];
    expect(timelineOf(tax, onTime, calendar, new Date('2026-06-01T00:00:00Z'))).toMatchObject({
      overdue: false,
      finished: true,
    });
  });
});

describe('reuseOf', () => {
  it('counts typed and prefilled items, and what each department received', () => {
    const application = {
      procedures: ['TAX_INFO_CONFIRMATION', 'SI_UNIT_REGISTRATION'],
      items: {
        'applicant.name': { value: 'n', origin: 'PREFILLED' },
        'applicant.uscc': { value: 'u', origin: 'PREFILLED' },
        'applicant.legalRepName': { value: 'l', origin: 'PREFILLED' },
        'applicant.legalRepIdNo': { value: 'i', origin: 'TYPED' },
        'si.bankName': { value: 'b', origin: 'TYPED' },
      },
    } as unknown as StoredApplication;
    const reuse = reuseOf(application, catalogue);
    expect(reuse).toMatchObject({ typed: 2, prefilled: 3 });
    expect(reuse.perDepartment).toEqual([
      { department: 'tax', procedure: 'TAX_INFO_CONFIRMATION', items: 4, prefilled: 3, typed: 1 },
      {
        department: 'social-insurance',
        procedure: 'SI_UNIT_REGISTRATION',
        items: 5,
        prefilled: 3,
        typed: 2,
      },
    ]);
    expect(reuse.delivered).toBe(9);
    expect(reuse.entriesSaved).toBe(7);
  });
});
