import { SourceError, SourceErrorCode } from '../shared';
import {
  SocialInsuranceFakeAdapter,
  sampleInsuredEmployer,
  sampleInsuredPerson,
} from './social-insurance.fake';
import { SocialInsurancePort } from './social-insurance.port';

describe('SocialInsuranceFakeAdapter', () => {
  it('answers what it was given, keyed by the keys asked, and records the calls', async () => {
    const employer = sampleInsuredEmployer();
    const person = sampleInsuredPerson();
    const fake = new SocialInsuranceFakeAdapter({ employers: [employer], persons: [person] });
    expect(fake).toBeInstanceOf(SocialInsurancePort);
    const employers = await fake.employers([employer.uscc, '91330522MA2G4P7W1F']);
    expect([...employers]).toEqual([[employer.uscc, employer]]);
    const persons = await fake.persons([person.socialSecurityNo]);
    expect(persons.get(person.socialSecurityNo)).toBe(person);
    expect(fake.calls).toEqual({
      employers: [[employer.uscc, '91330522MA2G4P7W1F']],
      persons: [[person.socialSecurityNo]],
    });
  });

  it('fails every call with the chosen error until told otherwise', async () => {
    const fake = new SocialInsuranceFakeAdapter().failWith(
      SourceError.unavailable('social-insurance', 'down for the test'),
    );
    await expect(fake.persons(['330522198506151235'])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    fake.failWith(null).setPerson(sampleInsuredPerson());
    expect((await fake.persons(['330522198506151235'])).size).toBe(1);
  });
});
