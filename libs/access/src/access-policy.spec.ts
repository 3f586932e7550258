import { decideAccess, type ActiveGrant, type Requester } from './access-policy';
import { ROLES, type Role } from './roles';
import type { DataItem } from './sharing-catalogue';
import type { SharingClass } from './sharing-catalogue.schema';

const NOW = new Date('2026-12-07T02:00:00Z');
const LATER = new Date('2027-01-01T00:00:00Z');
const EARLIER = new Date('2026-12-01T00:00:00Z');

function item(sharingClass: SharingClass): DataItem {
  return {
    id: `tax.${sharingClass.toLowerCase()}`,
    name: 'x',
    provider: 'tax',
    sharingClass,
    legalBasis: 'x',
    fields: ['TaxProfile.x'],
  };
}

function requester(role: Role, department: string | null = null): Requester {
  return { consumerId: 'c-1', roles: [role], department, purpose: 'PROJECT_APPROVAL' };
}

function grant(over: Partial<ActiveGrant> = {}): ActiveGrant {
  return {
    consumerId: 'c-1',
    items: ['tax.conditional'],
    purpose: 'PROJECT_APPROVAL',
    expiresAt: LATER,
    ...over,
  };
}

type GrantCase = 'none' | 'valid' | 'expired' | 'other purpose' | 'other consumer' | 'other item';
const GRANTS: Record<GrantCase, ActiveGrant[]> = {
  none: [],
  valid: [grant()],
  expired: [grant({ expiresAt: EARLIER })],
  'other purpose': [grant({ purpose: 'TAX_ADMINISTRATION' })],
  'other consumer': [grant({ consumerId: 'c-2' })],
  'other item': [grant({ items: ['tax.arrears'] })],
};

/**
 * The whole matrix, written out: role (and for departments, whether it is
 * the provider) × sharing class × grant. 'allow' or the denial reason.
 */
const EXPECTED: Record<string, Record<SharingClass, Record<GrantCase, string>>> = {};
const deny = (reason: string) =>
  Object.fromEntries(Object.keys(GRANTS).map((g) => [g, reason])) as Record<GrantCase, string>;
const allow = deny('allow');
const conditional: Record<GrantCase, string> = {
  none: 'NO_GRANT',
  valid: 'allow',
  expired: 'GRANT_EXPIRED',
  'other purpose': 'NO_GRANT',
  'other consumer': 'NO_GRANT',
  'other item': 'NO_GRANT',
};
for (const who of ['department (other)', 'eservice', 'steward'])
  EXPECTED[who] = {
    UNCONDITIONAL: allow,
    CONDITIONAL: conditional,
    NOT_SHARED: deny('NOT_SHARED'),
  };
EXPECTED['department (provider)'] = {
  UNCONDITIONAL: allow,
  CONDITIONAL: allow,
  NOT_SHARED: deny('NOT_SHARED'),
};
for (const who of ['auditor', 'admin'])
  EXPECTED[who] = {
    UNCONDITIONAL: deny('ROLE_READS_NO_DATA'),
    CONDITIONAL: deny('ROLE_READS_NO_DATA'),
    NOT_SHARED: deny('NOT_SHARED'),
  };

const REQUESTERS: Record<string, Requester> = {
  'department (other)': requester('department', 'land-planning'),
  'department (provider)': requester('department', 'tax'),
  eservice: requester('eservice'),
  steward: requester('steward'),
  auditor: requester('auditor'),
  admin: requester('admin'),
};

describe('decideAccess', () => {
  it('covers every role', () => {
    expect(new Set(Object.values(REQUESTERS).flatMap((r) => r.roles))).toEqual(new Set(ROLES));
  });

  const cases = Object.entries(EXPECTED).flatMap(([who, byClass]) =>
    Object.entries(byClass).flatMap(([sharingClass, byGrant]) =>
      Object.entries(byGrant).map(([grantCase, expected]) => ({
        who,
        sharingClass: sharingClass as SharingClass,
        grantCase: grantCase as GrantCase,
        expected,
      })),
    ),
  );

  it.each(cases)('$who × $sharingClass × grant $grantCase → $expected', (c) => {
    const decision = decideAccess(
      REQUESTERS[c.who],
      item(c.sharingClass),
      GRANTS[c.grantCase],
      NOW,
    );
    expect(decision.allowed ? 'allow' : decision.reason).toBe(c.expected);
  });

  it('says on what basis it allows', () => {
    expect(decideAccess(requester('eservice'), item('UNCONDITIONAL'), [], NOW)).toEqual({
      allowed: true,
      basis: 'UNCONDITIONAL',
    });
    expect(decideAccess(requester('department', 'tax'), item('CONDITIONAL'), [], NOW)).toEqual({
      allowed: true,
      basis: 'PROVIDER',
    });
    expect(decideAccess(requester('eservice'), item('CONDITIONAL'), [grant()], NOW)).toEqual({
      allowed: true,
      basis: 'GRANT',
    });
  });

  it('ends a grant at its expiry instant', () => {
    const at = new Date('2026-12-31T16:00:00Z');
    const g = [grant({ expiresAt: at })];
    expect(
      decideAccess(requester('eservice'), item('CONDITIONAL'), g, new Date(at.getTime() - 1))
        .allowed,
    ).toBe(true);
    expect(decideAccess(requester('eservice'), item('CONDITIONAL'), g, at).allowed).toBe(false);
  });

  it('lets a consumer with several roles read when one of them reads data', () => {
    const both: Requester = { ...requester('auditor'), roles: ['auditor', 'steward'] };
    expect(decideAccess(both, item('UNCONDITIONAL'), [], NOW).allowed).toBe(true);
  });
});
