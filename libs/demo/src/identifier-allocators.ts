import {
  organizationCodeCheckChar,
  residentIdCheckChar,
  USCC_ALPHABET,
} from '@oncegate/identifiers';
import { compactDay } from './calendar';
import type { Gender } from './names';
import type { Random } from './random';
import { ProbeSpace } from './unique';

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
  /**
   * Numbers given out, per area code, as birth day × 1000 + 顺序码: the same
   * thing as the first 17 characters, without building and hashing a string
   * for every candidate.
   */
  private readonly used = new Map<string, Set<number>>();
  /** One probe space per area code, gender and first birth day (which fix index → number). */
  private readonly spaces = new Map<string, ProbeSpace>();

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
    let used = this.used.get(areaCode);
    if (!used) {
      used = new Set();
      this.used.set(areaCode, used);
    }
    const taken = used;
    const found = this.space(areaCode, gender, range.from).probe(size, start, (index) => {
      const birthDay = range.from + Math.floor(index / SEQUENCES_PER_GENDER);
      const sequence = (index % SEQUENCES_PER_GENDER) * 2 + (gender === 'MALE' ? 1 : 2);
      const key = birthDay * 1000 + sequence;
      return taken.has(key) ? undefined : { key, birthDay, sequence };
    });
    if (!found) {
      throw new RangeError(`No resident ID numbers left for area ${areaCode} in the birth range`);
    }
    taken.add(found.key);
    const first17 = areaCode + compactDay(found.birthDay) + String(found.sequence).padStart(3, '0');
    return { id: first17 + residentIdCheckChar(first17), birthDay: found.birthDay };
  }

  private space(areaCode: string, gender: Gender, from: number): ProbeSpace {
    const key = `${areaCode}|${gender}|${from}`;
    let space = this.spaces.get(key);
    if (!space) {
      space = new ProbeSpace();
      this.spaces.set(key, space);
    }
    return space;
  }
}

/**
 * Hands out 主体标识码 (GB 11714 organization codes, 9 characters with their
 * own check character) that never repeat: `MA…` segment codes for entities
 * registered since 三证合一, 8-digit legacy codes for older ones.
 */
export class OrganizationCodeAllocator {
  private readonly used = new Set<string>();
  /** One probe space per kind of code and its fixed characters (`MA2`, legacy lead `7` …). */
  private readonly spaces = new Map<string, ProbeSpace>();

  /** `MA` + `third` + 5 characters of the USCC alphabet + check (the check may be X). */
  segmentCode(rng: Random, third: string): string {
    const free = USCC_ALPHABET.length;
    return this.allocate(`MA${third}`, free ** 5, rng.int(0, free ** 5 - 1), (index) => {
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
      `legacy-${lead}`,
      size,
      rng.int(0, size - 1),
      (index) => lead + String(index).padStart(7, '0'),
    );
  }

  private allocate(
    spaceKey: string,
    size: number,
    start: number,
    first8Of: (index: number) => string,
  ): string {
    let space = this.spaces.get(spaceKey);
    if (!space) {
      space = new ProbeSpace();
      this.spaces.set(spaceKey, space);
    }
    const code = space.probe(size, start, (index) => {
      const first8 = first8Of(index);
      const candidate = first8 + organizationCodeCheckChar(first8);
      return this.used.has(candidate) ? undefined : candidate;
    });
    if (!code) throw new RangeError('No organization codes left in this segment');
    this.used.add(code);
    return code;
  }
}
