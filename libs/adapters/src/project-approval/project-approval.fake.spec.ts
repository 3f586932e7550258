import { SourceError, SourceErrorCode } from '../shared';
import { ProjectApprovalFake, exampleProject } from './project-approval.fake';

describe('ProjectApprovalFake', () => {
  const a = exampleProject();
  const b = exampleProject({
    projectCode: '2502-330523-89-03-574615',
    applicantUscc: '91330523MA2UMT1468',
  });
  const orphan = exampleProject({ projectCode: '2405-330523-04-01-260318', applicantUscc: null });

  it('answers by USCC, keyed by the input keys, absent when nothing is known', async () => {
    const fake = new ProjectApprovalFake([a, b, orphan]);
    const found = await fake.projectsByUscc(['91330522MA2B7K3C0J', '91330522147055321R']);
    expect([...found.keys()]).toEqual(['91330522MA2B7K3C0J']);
    expect(found.get('91330522MA2B7K3C0J')).toEqual([a]);
    expect(fake.calls).toEqual([['91330522MA2B7K3C0J', '91330522147055321R']]);
  });

  it('hands out copies, so a test cannot change what the fake holds', async () => {
    const fake = new ProjectApprovalFake([a]);
    const first = await fake.projectsByUscc([a.applicantUscc!]);
    first.get(a.applicantUscc!)![0].stages[0].completedAt!.setTime(0);
    const second = await fake.projectsByUscc([a.applicantUscc!]);
    expect(second.get(a.applicantUscc!)).toEqual([a]);
  });

  it('fails like the real adapter when told to, and recovers', async () => {
    const fake = new ProjectApprovalFake([a]).failWith(
      SourceError.unavailable('project-approval', 'down'),
    );
    await expect(fake.projectsByUscc([a.applicantUscc!])).rejects.toMatchObject({
      code: SourceErrorCode.SOURCE_UNAVAILABLE,
    });
    fake.failWith(null);
    expect((await fake.projectsByUscc([a.applicantUscc!])).size).toBe(1);
  });
});
