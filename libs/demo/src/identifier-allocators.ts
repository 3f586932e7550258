import {
  organizationCodeCheckChar,
  residentIdCheckChar,
  USCC_ALPHABET,
} from '@oncegate/identifiers';
import { compactDay } from './calendar';
import type { Gender } from './names';
import type { Random } from './random';
import { probeFree } from './unique';

/**
 * 顺序码 values per gender and birth date. Digit 17 is odd for men and even for
 * women; 996–999 are left out because the 1989 standard reserved them for
 * centenarians (china-domain.md §2.3), so men get 001–993 and women 002–994.
 */
const SEQUENCES_PER_GENDER = 497;

/**
 * Hands out 居民身份证号码 that are valid and never repeat. A number is chosen
 * near the wanted birth date; when that date's sequence numbers are taken it
 * moves on to the next free one (then the next day), so it always ends.
 */
export class ResidentIdAllocator {
  private readonly used = new Set<string>();

  allocate(
    rng: Random,
    areaCode: string,
    gender: Gender,
    preferredDay: number,
    range: { readonly from: number; readonly to: number },
  ): { id: string; birthDay: number } {
    const days = range.to - range.from + 1;
    const size = days * SEQUENCES_PER_GENDER;
    const start =
      (Math.min(Math.max(preferredDay, range.from), range.to) - range.from) * SEQUENCES_PER_GENDER +
      rng.int(0, SEQUENCES_PER_GENDER - 1);
    const found = probeFree(size, start, (index) => {
      const birthDay = range.from + Math.floor(index / SEQUENCES_PER_GENDER);
      const sequence = (index % SEQUENCES_PER_GENDER) * 2 + (gender === 'MALE' ? 1 : 2);
      const first17 = areaCode + compactDay(birthDay) + String(sequence).padStart(3, '0');
      return this.used.has(first17) ? undefined : { first17, birthDay };
    });
    if (!found) {
      throw new RangeError(`No resident ID numbers left for area ${areaCode} in the birth range`);
    }
    this.used.add(found.first17);
    return { id: found.first17 + residentIdCheckChar(found.first17), birthDay: found.birthDay };
  }
}

/**
 * Hands out 主体标识码 (GB 11714 organization codes, 9 characters with their
 * own check character) that never repeat: `MA…` segment codes for entities
 * registered since 三证合一, 8-digit legacy codes for older ones.
 */
export class OrganizationCodeAllocator {
  private readonly used = new Set<string>();

  /** `MA` + `third` + 5 characters of the USCC alphabet + check (the check may be X). */
  segmentCode(rng: Random, third: string): string {
    const free = USCC_ALPHABET.length;
    return this.allocate(free ** 5, rng.int(0, free ** 5 - 1), (index) => {
      let body = '';
      let rest = index;
      for (let i = 0; i < 5; i++) {
        body += USCC_ALPHABET[rest % free];
        rest = Math.floor(rest / free);
      }
      return `MA${third}${body}`;
    });
  }

  /** A legacy all-digit code starting with `lead`. */
  legacyCode(rng: Random, lead: string): string {
    const size = 10_000_000;
    return this.allocate(
      size,
      rng.int(0, size - 1),
      (index) => lead + String(index).padStart(7, '0'),
    );
  }

  private allocate(size: number, start: number, first8Of: (index: number) => string): string {
    const code = probeFree(size, start, (index) => {
      const first8 = first8Of(index);
      const candidate = first8 + organizationCodeCheckChar(first8);
      return this.used.has(candidate) ? undefined : candidate;
    });
    if (!code) throw new RangeError('No organization codes left in this segment');
    this.used.add(code);
    return code;
  }
}
