import { ApplicantRepository, MAX_SEARCH_RESULTS } from './applicant.repository';
import { personRegistration, uniqueDigits } from './testing/registration.fixtures';
import { describeEachDatabase } from './testing/test-database';

describeEachDatabase('ApplicantRepository.searchByName', (db) => {
  let repository: ApplicantRepository;
  beforeAll(() => {
    repository = new ApplicantRepository(db.dataSource);
  });

  /** Registers people with these names; returns the names in registration order. */
  const register = async (...names: string[]): Promise<string[]> => {
    for (const name of names) {
      await repository.register(personRegistration({ name }));
    }
    return names;
  };
  const search = async (query: string, limit = 20): Promise<string[]> =>
    (await repository.searchByName(query, limit)).map((applicant) => applicant.name);

  it('ranks the exact name first, then names starting with the query, then the rest', async () => {
    const token = `林${uniqueDigits(6)}`;
    await register(`杭州${token}`, `${token}建设`, `阿${token}`, token, `${token}安装`);
    expect(await search(token)).toEqual([
      token,
      `${token}安装`,
      `${token}建设`,
      `杭州${token}`,
      `阿${token}`,
    ]);
  });

  it('ignores case for Latin letters, in matching and in ranking', async () => {
    const digits = uniqueDigits(6);
    await register(`Acme ${digits} Ltd`, `ACME ${digits}`, `xacme ${digits}`);
    expect(await search(`acme ${digits}`)).toEqual([
      `ACME ${digits}`,
      `Acme ${digits} Ltd`,
      `xacme ${digits}`,
    ]);
  });

  it('takes %, _, ! and \\ in the query literally', async () => {
    const d = uniqueDigits(6);
    await register(`100%${d}`, `100x${d}`, `a_b${d}`, `axb${d}`, `c!d${d}`, `e\\f${d}`, `ef${d}`);
    expect(await search(`100%${d}`)).toEqual([`100%${d}`]);
    expect(await search(`a_b${d}`)).toEqual([`a_b${d}`]);
    expect(await search(`c!d${d}`)).toEqual([`c!d${d}`]);
    expect(await search(`e\\f${d}`)).toEqual([`e\\f${d}`]);
    // A bare wildcard matches only names that contain it.
    const percent = await search('%', MAX_SEARCH_RESULTS);
    expect(percent.length).toBeGreaterThan(0);
    expect(percent.every((name) => name.includes('%'))).toBe(true);
    expect((await search('_', MAX_SEARCH_RESULTS)).every((name) => name.includes('_'))).toBe(true);
  });

  it('tells apart characters outside the BMP', async () => {
    const d = uniqueDigits(6);
    await register(`𠮷${d}`, `𩸽${d}`);
    expect(await search(`𠮷${d}`)).toEqual([`𠮷${d}`]);
    expect(await search(`𩸽${d}`)).toEqual([`𩸽${d}`]);
  });

  it('finds active applicants only', async () => {
    const token = `合并${uniqueDigits(6)}`;
    const survivor = await repository.register(personRegistration({ name: `${token}甲` }));
    const merged = await repository.register(personRegistration({ name: `${token}乙` }));
    await repository.merge(survivor.id, merged.id);
    expect(await search(token)).toEqual([`${token}甲`]);
  });

  it('trims the query and keeps within the limit', async () => {
    const token = `限${uniqueDigits(6)}`;
    await register(...Array.from({ length: 5 }, (_, i) => `${token}${i}`));
    expect(await search(`  ${token} `, 2)).toEqual([`${token}0`, `${token}1`]);
    expect(await search(token, 0)).toEqual([]);
    expect(await search(token, -3)).toEqual([]);
    expect(await search(token, Number.NaN)).toEqual([]);
    expect(await search(token, 2.9)).toHaveLength(2);
    expect(await search('   ')).toEqual([]);
  });

  it('caps the limit at MAX_SEARCH_RESULTS', async () => {
    const token = `多${uniqueDigits(6)}`;
    const names = Array.from({ length: MAX_SEARCH_RESULTS + 3 }, (_, i) => `${token}${i}`);
    await register(...names);
    expect(await search(token, 10_000)).toHaveLength(MAX_SEARCH_RESULTS);
  });
});
