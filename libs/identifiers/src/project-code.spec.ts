import { IdentifierReason } from './identifier-issue';
import { validateProjectCode } from './project-code';

const today = new Date('2026-11-25T00:00:00Z');

describe('validateProjectCode — china-domain.md §3 vectors (format only)', () => {
  it.each([
    ['2020-330327-48-01-167360', 'LEGACY', '2020'],
    ['2020-451421-88-03-016343', 'LEGACY', '2020'],
    ['2411-130202-89-01-637015', 'CURRENT', '2024-11'],
    ['2603-141124-89-05-346948', 'CURRENT', '2026-03'],
    ['2011-330522-04-01-000001', 'CURRENT', '2020-11'],
  ])('%s is valid (%s %s)', (code, scheme, period) => {
    expect(validateProjectCode(code, today)).toMatchObject({
      valid: true,
      value: code,
      parts: { scheme, period },
    });
  });

  it('reads the groups', () => {
    expect(validateProjectCode('2020-451421-88-03-016343', today)).toMatchObject({
      parts: { divisionCode: '451421', sectorCode: '88', projectType: '03', serial: '016343' },
    });
  });

  it('accepts full-width digits and dashes', () => {
    expect(
      validateProjectCode('２０２０－３３０３２７－４８－０１－１６７３６０', today),
    ).toMatchObject({
      valid: true,
      value: '2020-330327-48-01-167360',
    });
  });

  it.each([
    ['2020-33032-48-01-167360', IdentifierReason.FORMAT],
    ['20203303274801167360', IdentifierReason.FORMAT],
    ['2013-330327-48-01-167360', IdentifierReason.TIME_CODE],
    ['2005-330327-48-01-167360', IdentifierReason.TIME_CODE],
    ['2712-330327-48-01-167360', IdentifierReason.TIME_CODE],
    ['2020-990327-48-01-167360', IdentifierReason.DIVISION_CODE],
    ['', IdentifierReason.EMPTY],
  ])('%s is invalid (%s)', (code, reason) => {
    const r = validateProjectCode(code, today);
    expect(r.valid).toBe(false);
    if (!r.valid) expect(r.reason.code).toBe(reason);
  });
});
