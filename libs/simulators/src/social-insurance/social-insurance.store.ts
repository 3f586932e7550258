import { normalizeIdentifierInput, upgradeResidentId15 } from '@oncegate/identifiers';
import type {
  SocialInsuranceData,
  SocialInsuranceEmployerRecord,
  SocialInsurancePersonRecord,
} from './social-insurance.records';

/**
 * The key a unit is filed under: the USCC in upper case, with the entry
 * noise a clerk or a caller adds (full-width characters, spaces) removed.
 */
export function employerKey(raw: string): string {
  return normalizeIdentifierInput(raw);
}

/**
 * The key a person is filed under: the 18-digit 公民身份号码. A 15-digit
 * number is upgraded the GB 11643-1999 way, with century 18 for the
 * centenarian sequence codes 996–999 of the 1989 standard and 19 otherwise,
 * so a registration made with a first-generation card is found by today's
 * number and the other way round. Null for anything that is neither form.
 */
export function personKey(raw: string): string | null {
  const value = normalizeIdentifierInput(raw);
  if (/^\d{17}[\dX]$/.test(value)) return value;
  if (/^\d{15}$/.test(value))
    return upgradeResidentId15(value, /99[6-9]$/.test(value) ? '18' : '19');
  return null;
}

/**
 * The records indexed the way the system looks them up, built once so that a
 * lookup is one Map access however many records there are (1,000,000 for
 * benchmarks). A unit without a USCC is not indexed: the system cannot find
 * it by one. A person may have several registrations under one key (一人多档);
 * they are kept in data order.
 */
export class SocialInsuranceStore {
  private readonly employers = new Map<string, SocialInsuranceEmployerRecord>();
  private readonly persons = new Map<string, SocialInsurancePersonRecord[]>();

  constructor(data: SocialInsuranceData) {
    for (const record of data.employers) {
      if (record.uscc === null) continue;
      const key = employerKey(record.uscc);
      // The first registration wins, as a unique index on the code would have it.
      if (!this.employers.has(key)) this.employers.set(key, record);
    }
    for (const record of data.persons) {
      const key = personKey(record.social_security_no);
      if (key === null) continue;
      const existing = this.persons.get(key);
      if (existing) existing.push(record);
      else this.persons.set(key, [record]);
    }
  }

  employer(uscc: string): SocialInsuranceEmployerRecord | undefined {
    return this.employers.get(employerKey(uscc));
  }

  /** Every registration of the person; empty when there is none. */
  person(socialSecurityNo: string): readonly SocialInsurancePersonRecord[] {
    const key = personKey(socialSecurityNo);
    return (key !== null && this.persons.get(key)) || [];
  }

  get employerCount(): number {
    return this.employers.size;
  }

  get personCount(): number {
    return this.persons.size;
  }
}
