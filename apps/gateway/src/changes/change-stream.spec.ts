import type { ApplicantChange } from '@oncegate/registry';
import { ChangeStream, MAX_WAITING } from './change-stream';

function change(id: number, applicantId = 'a'): ApplicantChange {
  return {
    id: String(id),
    applicantId,
    attribute: 'phone',
    oldValue: '13900000001',
    newValue: '13900000002',
    source: null,
    changedAt: new Date(0),
  };
}

describe('ChangeStream', () => {
  it('hands over what it wants, in order, whether pushed before or after the pull', async () => {
    const stream = new ChangeStream(
      (c) => c.applicantId === 'a',
      () => undefined,
    );
    stream.push(change(1));
    stream.push(change(2, 'b'));
    const pending = [stream.next(), stream.next()];
    stream.push(change(3));
    const results = await Promise.all(pending);
    expect(results.map((r) => (r.done ? null : r.value.id))).toEqual(['1', '3']);
  });

  it('unhooks at once when the subscriber leaves, even while it waits', async () => {
    const closed = jest.fn();
    const stream = new ChangeStream(() => true, closed);
    const waiting = stream.next();
    await stream.return();
    expect(closed).toHaveBeenCalledWith(stream);
    expect(await waiting).toEqual({ value: undefined, done: true });
    stream.push(change(1));
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a subscriber that falls too far behind with an error, after what it already has', async () => {
    const closed = jest.fn();
    const stream = new ChangeStream(() => true, closed);
    for (let k = 1; k <= MAX_WAITING + 1; k++) stream.push(change(k));
    expect(closed).toHaveBeenCalledTimes(1);
    for (let k = 1; k <= MAX_WAITING; k++) await stream.next();
    await expect(stream.next()).rejects.toThrow('fell too far behind');
  });
});
