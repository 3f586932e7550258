import fc from 'fast-check';
import { ApplicationsError, ApplicationsErrorCode } from '../applications.errors';
import { dayOf, formatDay } from './china-date';
import {
  loadWorkingCalendar,
  parseWorkingCalendar,
  type Pause,
  type WorkingCalendar,
} from './working-calendar';

/** An instant given as China wall-clock time. */
function at(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

const calendar: WorkingCalendar = loadWorkingCalendar();

function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = dayOf(from); day <= dayOf(to); day++) days.push(formatDay(day));
  return days;
}

describe('the shipped calendar (contracts/working-calendar.json)', () => {
  it('covers 2025 and 2026, each from its State Council notice', () => {
    expect(calendar.years.map((y) => [y.year, y.notice.number])).toEqual([
      [2025, '国办发明电〔2024〕12号'],
      [2026, '国办发明电〔2025〕7号'],
    ]);
  });

  it.each([2025, 2026])(
    '%i has 248 working days: 365 less 104 weekend days and 13 statutory holidays',
    (year) => {
      const working = daysOf(`${year}-01-01`, `${year}-12-31`).filter((d) =>
        calendar.isWorkingDay(d),
      );
      expect(working).toHaveLength(248);
    },
  );

  // 国办发明电〔2024〕12号
  it.each([
    ['2025-01-01', false, '元旦 (Wednesday)'],
    ['2025-01-26', true, '春节 make-up Sunday'],
    ['2025-01-27', true, 'Monday before 除夕'],
    ['2025-01-28', false, '除夕'],
    ['2025-02-04', false, '正月初七'],
    ['2025-02-05', true, 'back at work'],
    ['2025-02-08', true, '春节 make-up Saturday'],
    ['2025-04-04', false, '清明节 (Friday)'],
    ['2025-04-27', true, '劳动节 make-up Sunday'],
    ['2025-05-05', false, '劳动节 (Monday)'],
    ['2025-06-02', false, '端午节 (Monday)'],
    ['2025-09-28', true, '国庆节 make-up Sunday'],
    ['2025-10-06', false, '中秋节 inside 国庆节'],
    ['2025-10-08', false, 'last day of 国庆节、中秋节'],
    ['2025-10-09', true, 'back at work'],
    ['2025-10-11', true, '国庆节 make-up Saturday'],
    ['2025-10-12', false, 'an ordinary Sunday'],
  ])('2025: %s working %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
    expect(calendar.covered(date)).toBe(true);
  });

  // 国办发明电〔2025〕7号
  it.each([
    ['2026-01-02', false, '元旦 (Friday)'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-02-13', true, 'Friday before the holiday'],
    ['2026-02-14', true, '春节 make-up Saturday, the day before the holiday starts'],
    ['2026-02-15', false, '腊月二十八 (Sunday), first day off'],
    ['2026-02-16', false, '除夕 (Monday)'],
    ['2026-02-20', false, '正月初四 (Friday)'],
    ['2026-02-23', false, '正月初七 (Monday), last day off'],
    ['2026-02-24', true, 'back at work'],
    ['2026-02-28', true, '春节 make-up Saturday'],
    ['2026-04-06', false, '清明节 (Monday)'],
    ['2026-05-05', false, '劳动节 (Tuesday)'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午节 (Friday)'],
    ['2026-09-20', true, '国庆节 make-up Sunday'],
    ['2026-09-25', false, '中秋节 (Friday)'],
    ['2026-10-01', false, '国庆节 (Thursday)'],
    ['2026-10-07', false, 'last day of 国庆节 (Wednesday)'],
    ['2026-10-08', true, 'back at work'],
    ['2026-10-10', true, '国庆节 make-up Saturday'],
  ])('2026: %s working %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('reads an instant on its China date', () => {
    // 2026-02-14 is a make-up Saturday; 2026-02-15 (China) is a day off.
    expect(calendar.isWorkingDay(at('2026-02-14', '23:30'))).toBe(true);
    expect(calendar.isWorkingDay(new Date('2026-02-14T16:30:00Z'))).toBe(false);
  });
});

describe('outside the covered years', () => {
  it('assumes Monday to Friday and says the date is not covered', () => {
    expect(calendar.covered('2024-12-31')).toBe(false);
    expect(calendar.covered('2027-01-01')).toBe(false);
    expect(calendar.covered(at('2025-06-01'))).toBe(true);
    // 2027-02-08 is a Monday (most likely in the 2027 Spring Festival holiday, but no notice yet).
    expect(calendar.isWorkingDay('2027-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-06')).toBe(false);
    expect(calendar.isWorkingDay('1999-01-01')).toBe(true);
  });

  it('counts across the edge and flags the due date as provisional', () => {
    // From Monday 2026-12-28: 29, 30, 31, then 2027-01-01 (a Friday, taken as working) and 01-04.
    expect(calendar.addWorkingDays(at('2026-12-28'), 5)).toMatchObject({
      date: '2027-01-04',
      covered: false,
    });
    expect(calendar.addWorkingDays(at('2026-12-21'), 5)).toMatchObject({
      date: '2026-12-28',
      covered: true,
    });
    expect(calendar.addWorkingDays(at('2031-03-03'), 5).date).toBe('2031-03-10');
  });

  it('refuses what is not a date, but never a valid one', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(new Date('not a date'))).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-03-02'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(at('2026-03-02'), 1.5)).toThrow(RangeError);
    const hours = { days: 3, unit: 'HOURS' } as unknown as { days: number; unit: 'WORKING' };
    expect(() => calendar.dueDate(at('2026-03-02'), hours)).toThrow(RangeError);
    expect(calendar.isWorkingDay(new Date(8.64e15))).toBe(false); // the last instant JS has (a Saturday)
  });
});

describe('working-day time limits', () => {
  it('starts counting the working day after the day of receipt', () => {
    // Received Friday 2025-09-26: 28 (make-up Sunday), 29, 30, then after 国庆节 Oct 9, 10, 11 (make-up), 13…
    const due = calendar.addWorkingDays(at('2025-09-26', '16:45'), 20);
    expect(due).toEqual({
      date: '2025-10-30',
      deadline: new Date('2025-10-30T16:00:00.000Z'), // 24:00 China time
      covered: true,
    });
  });

  it('treats receipt on a day off like any other day: it does not count', () => {
    // Received on the first day of the 2026 Spring Festival holiday: day 1 is Tuesday 02-24.
    expect(calendar.addWorkingDays(at('2026-02-15'), 1).date).toBe('2026-02-24');
    // Received Friday 02-13: the make-up Saturday 02-14 is day 1.
    expect(calendar.addWorkingDays(at('2026-02-13'), 1).date).toBe('2026-02-14');
    expect(calendar.addWorkingDays(at('2026-02-13'), 2).date).toBe('2026-02-24');
  });

  it('gives the day of receipt for a limit of zero days', () => {
    expect(calendar.addWorkingDays(at('2026-02-15', '09:00'), 0)).toEqual({
      date: '2026-02-15',
      deadline: new Date('2026-02-15T16:00:00.000Z'),
      covered: true,
    });
  });

  it('counts whole working days elapsed', () => {
    const received = at('2026-02-13', '17:00');
    expect(calendar.workingDaysBetween(received, at('2026-02-14', '18:00'))).toBe(0);
    expect(calendar.workingDaysBetween(received, at('2026-02-24', '18:00'))).toBe(1); // 02-14
    expect(calendar.workingDaysBetween(received, at('2026-02-25', '00:00'))).toBe(2); // + 02-24
    expect(calendar.workingDaysBetween(received, at('2026-03-02', '00:00'))).toBe(6); // 24–28
    expect(calendar.workingDaysBetween(at('2026-03-02'), at('2026-03-01'))).toBe(0);
  });

  it('uses the China date of receipt, not the server’s', () => {
    // 23:30 and 00:30 China time are different receipt days (15:30 and 16:30 UTC of the same UTC day).
    expect(calendar.addWorkingDays(at('2026-03-02', '23:30'), 1).date).toBe('2026-03-03');
    expect(calendar.addWorkingDays(at('2026-03-03', '00:30'), 1).date).toBe('2026-03-04');
  });

  it('elapsed at the deadline equals the limit, the instant before one less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayOf('2024-11-01'), max: dayOf('2027-02-28') }),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.integer({ min: 0, max: 80 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 200 })), {
          maxLength: 3,
        }),
        (day, ms, n, pauseSpecs) => {
          // `day` in China, `ms` into it.
          const from = new Date(day * 86_400_000 - 8 * 3_600_000 + ms);
          const pauses: Pause[] = pauseSpecs.map(([offsetDays, hours]) => {
            const start = new Date(from.getTime() + offsetDays * 86_400_000);
            return { start, end: new Date(start.getTime() + hours * 3_600_000) };
          });
          const due = calendar.addWorkingDays(from, n, pauses);
          expect(calendar.workingDaysBetween(from, due.deadline, pauses)).toBe(n);
          if (n > 0) {
            const before = new Date(due.deadline.getTime() - 1);
            expect(calendar.workingDaysBetween(from, before, pauses)).toBe(n - 1);
            expect(calendar.isWorkingDay(due.date)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('calendar-day time limits', () => {
  const fifteen = { days: 15, unit: 'CALENDAR' } as const;

  it('counts every day after receipt', () => {
    // Monday 03-02 + 15 = Tuesday 03-17.
    expect(calendar.dueDate(at('2026-03-02'), fifteen).date).toBe('2026-03-17');
    expect(calendar.elapsedDays(at('2026-03-02'), at('2026-03-05', '09:00'), 'CALENDAR')).toBe(2);
  });

  it('moves a last day that is not a working day on to the next working day', () => {
    // Friday 03-06 + 15 = Saturday 03-21 → Monday 03-23.
    expect(calendar.dueDate(at('2026-03-06'), fifteen).date).toBe('2026-03-23');
    // Saturday 2025-09-20 + 15 = Sunday 10-05, inside 国庆节 → Thursday 10-09.
    expect(calendar.dueDate(at('2025-09-20'), fifteen).date).toBe('2025-10-09');
    // 2026-01-30 + 15 = 02-14, a make-up Saturday: a working day, so it stays.
    expect(calendar.dueDate(at('2026-01-30'), fifteen).date).toBe('2026-02-14');
  });
});

describe('pauses (补正)', () => {
  const received = at('2026-03-02', '09:00'); // a Monday

  it('do not count the days they touch', () => {
    expect(calendar.addWorkingDays(received, 5).date).toBe('2026-03-09');
    // Returned Wednesday 10:00, corrected Friday 15:00: Wednesday to Friday do not count.
    const correction: Pause = { start: at('2026-03-04', '10:00'), end: at('2026-03-06', '15:00') };
    expect(calendar.addWorkingDays(received, 5, [correction]).date).toBe('2026-03-12');
    expect(calendar.workingDaysBetween(received, at('2026-03-10', '08:00'), [correction])).toBe(2);
    expect(calendar.workingDaysBetween(received, at('2026-03-10', '08:00'))).toBe(5);
  });

  it('end exclusively: a pause ending at midnight leaves the next day counting', () => {
    const wednesday: Pause = { start: at('2026-03-04', '00:00'), end: at('2026-03-05', '00:00') };
    expect(calendar.addWorkingDays(received, 5, [wednesday]).date).toBe('2026-03-10');
    const empty: Pause = { start: at('2026-03-04'), end: at('2026-03-04') };
    expect(calendar.addWorkingDays(received, 5, [empty]).date).toBe('2026-03-09');
  });

  it('also hold calendar-day limits', () => {
    const correction: Pause = { start: at('2026-03-04'), end: at('2026-03-06', '12:00') };
    // 15 days after 03-02, three of them paused: 03-20 (Friday).
    expect(calendar.dueDate(received, { days: 15, unit: 'CALENDAR' }, [correction]).date).toBe(
      '2026-03-20',
    );
    expect(
      calendar.elapsedDays(received, at('2026-03-08', '12:00'), 'CALENDAR', [correction]),
    ).toBe(2);
  });

  it('refuse a pause that ends before it starts', () => {
    expect(() =>
      calendar.addWorkingDays(received, 5, [{ start: at('2026-03-05'), end: at('2026-03-04') }]),
    ).toThrow(RangeError);
  });
});

describe('calendar checks', () => {
  function valid() {
    return {
      timeZone: 'Asia/Shanghai',
      years: [
        {
          year: 2026,
          notice: { number: '国办发明电〔2025〕7号', title: '通知', issued: '2025-11-04' },
          holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-03', days: 3 }],
          workingDays: [{ date: '2026-01-04', for: '元旦' }],
        },
      ],
    };
  }

  function problems(input: unknown): readonly string[] {
    try {
      parseWorkingCalendar(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ApplicationsError);
      expect((error as ApplicationsError).code).toBe(ApplicationsErrorCode.INVALID_CALENDAR);
      return (error as ApplicationsError).problems;
    }
    throw new Error('the calendar was accepted');
  }

  it('accepts a valid calendar', () => {
    const small = parseWorkingCalendar(valid());
    expect(small.isWorkingDay('2026-01-02')).toBe(false);
    expect(small.isWorkingDay('2026-01-04')).toBe(true);
    expect(small.covered('2025-12-31')).toBe(false);
  });

  it('names schema problems by year', () => {
    const input = valid();
    delete (input.years[0] as { notice?: unknown }).notice;
    expect(problems(input)).toEqual(["years/0 (2026) must have required property 'notice'"]);
  });

  it('checks dates, day counts, make-up days and overlaps', () => {
    const input = valid();
    input.years[0].holidays.push(
      { name: '春节', from: '2026-02-15', to: '2026-02-23', days: 8 },
      { name: '重叠', from: '2026-01-03', to: '2026-01-03', days: 1 },
      { name: '倒序', from: '2026-05-05', to: '2026-05-01', days: 5 },
      { name: '无效', from: '2026-02-30', to: '2026-03-01', days: 1 },
    );
    input.years[0].workingDays.push(
      { date: '2026-02-16', for: '春节' },
      { date: '2026-02-28', for: '国庆节' },
      { date: '2026-01-02', for: '元旦' },
    );
    input.years.push({ ...input.years[0], holidays: [], workingDays: [] });
    expect(problems(input)).toEqual([
      'years/0 (2026): holidays/1 (春节): 2026-02-15 to 2026-02-23 is 9 days, not 8',
      'years/0 (2026): holidays/2 (重叠): 2026-01-03 is also in 2026 元旦',
      'years/0 (2026): holidays/3 (倒序): ends 2026-05-01 before it starts 2026-05-05',
      'years/0 (2026): holidays/4 (无效): 2026-02-30 is not a real date',
      'years/0 (2026): workingDays/1 (2026-02-16): is not a Saturday or Sunday (an adjusted working day, 调休上班, replaces a weekend day)',
      'years/0 (2026): workingDays/1 (2026-02-16): is also a day off (2026 春节)',
      'years/0 (2026): workingDays/2 (2026-02-28): is for 国庆节, which is not a holiday of 2026',
      'years/0 (2026): workingDays/3 (2026-01-02): is not a Saturday or Sunday (an adjusted working day, 调休上班, replaces a weekend day)',
      'years/0 (2026): workingDays/3 (2026-01-02): is also a day off (2026 元旦)',
      'years/1 (2026): year is declared twice',
    ]);
  });
});
