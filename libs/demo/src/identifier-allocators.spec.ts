import { validateResidentId, validateUscc, usccCheckChar } from '@oncegate/identifiers';
import { dayFromYmd } from './calendar';
import { OrganizationCodeAllocator, ResidentIdAllocator } from './identifier-allocators';
import { Random } from './random';

describe('ResidentIdAllocator', () => {
  const day = dayFromYmd(1985, 6, 15);

  it('gives valid numbers with the gender in digit 17', () => {
    const allocator = new ResidentIdAllocator();
    const rng = new Random(5);
    const range = { from: day - 10, to: day + 10 };
    for (const gender of ['MALE', 'FEMALE'] as const) {
      const { id, birthDay } = allocator.allocate(rng, '330522', gender, day, range);
      const result = validateResidentId(id, { today: new Date('2026-01-01T00:00:00Z') });
      expect(result).toMatchObject({ valid: true, parts: { gender, birthDate: '1985-06-15' } });
      expect(birthDay).toBe(day);
    }
  });

  it('moves to the next birth date when one is full, and stops with a RangeError when all are', () => {
    const allocator = new ResidentIdAllocator();
    const rng = new Random(6);
    const range = { from: day, to: day + 1 };
    const ids = new Set<string>();
    const days = new Set<number>();
    // 497 sequence numbers per gender per day (996–999 stay reserved).
    for (let i = 0; i < 2 * 497; i++) {
      const { id, birthDay } = allocator.allocate(rng, '330523', 'FEMALE', day, range);
      ids.add(id);
      days.add(birthDay);
      expect(Number(id.slice(14, 17))).toBeLessThan(996);
    }
    expect(ids.size).toBe(2 * 497);
    expect([...days].sort()).toEqual([day, day + 1]);
    expect(() => allocator.allocate(rng, '330523', 'FEMALE', day, range)).toThrow(RangeError);
    // Other genders and areas still have room.
    expect(() => allocator.allocate(rng, '330523', 'MALE', day, range)).not.toThrow();
    expect(() => allocator.allocate(rng, '330522', 'FEMALE', day, range)).not.toThrow();
  });
});

describe('OrganizationCodeAllocator', () => {
  it('gives unique codes whose USCC passes without warnings', () => {
    const allocator = new OrganizationCodeAllocator();
    const rng = new Random(8);
    const codes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = i % 2 ? allocator.segmentCode(rng, '2') : allocator.legacyCode(rng, '7');
      expect(code).toHaveLength(9);
      codes.add(code);
      const first17 = `91330522${code}`;
      expect(validateUscc(first17 + usccCheckChar(first17))).toMatchObject({
        valid: true,
        warnings: [],
      });
    }
    expect(codes.size).toBe(500);
  });
});
