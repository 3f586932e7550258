import type { ApplicationRepository } from '@oncegate/registry';
import { OUTBOX_BACKLOG_TTL_MS, OutboxBacklog } from './outbox-backlog';

type Backlog = Awaited<ReturnType<ApplicationRepository['backlog']>>;

function backlogOf(answers: Array<Backlog | Error>) {
  const asked: Date[] = [];
  const repository = {
    backlog: (now: Date) => {
      asked.push(now);
      const answer = answers.shift();
      if (!answer) throw new Error('asked once too often');
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  } as unknown as ApplicationRepository;
  const backlog = new OutboxBacklog(repository);
  let now = 1_000_000;
  backlog.clock = () => now;
  return { backlog, asked, advance: (ms: number) => (now += ms) };
}

const figures = (pending: number, oldest: Date | null): Backlog => ({
  pending,
  due: pending,
  dead: 0,
  oldest,
});

describe('OutboxBacklog', () => {
  it('turns the oldest pending delivery into its age in seconds, 0 when none waits', async () => {
    const { backlog, advance } = backlogOf([
      figures(2, new Date(1_000_000 - 90_000)),
      figures(0, null),
    ]);
    await expect(backlog.read()).resolves.toEqual({
      pending: 2,
      due: 2,
      dead: 0,
      oldestPendingAgeSeconds: 90,
    });
    advance(OUTBOX_BACKLOG_TTL_MS);
    await expect(backlog.read()).resolves.toMatchObject({ oldestPendingAgeSeconds: 0 });
  });

  it('asks the database once per TTL however many scrape, concurrent ones included', async () => {
    const { backlog, asked, advance } = backlogOf([figures(1, null), figures(5, null)]);
    const storm = await Promise.all(Array.from({ length: 20 }, () => backlog.read()));
    expect(storm.every((f) => f.pending === 1)).toBe(true);
    advance(OUTBOX_BACKLOG_TTL_MS - 1);
    expect((await backlog.read()).pending).toBe(1);
    expect(asked).toHaveLength(1);
    advance(1);
    expect((await backlog.read()).pending).toBe(5);
    expect(asked).toHaveLength(2);
  });

  it('does not keep a failed reading: the next scrape asks again', async () => {
    const { backlog, asked } = backlogOf([new Error('database down'), figures(3, null)]);
    await expect(backlog.read()).rejects.toThrow('database down');
    await expect(backlog.read()).resolves.toMatchObject({ pending: 3 });
    expect(asked).toHaveLength(2);
  });
});
