import { retryDelayMs } from './delivery.worker';

describe('retryDelayMs', () => {
  it('grows with the attempts, stays within the cap, and is jittered', () => {
    const samples = (attempt: number) =>
      Array.from({ length: 200 }, () => retryDelayMs(attempt, 1000, 60_000));
    const first = samples(1);
    const sixth = samples(6);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(sixth)).toBeGreaterThan(mean(first) * 4);
    for (const x of [...first, ...sixth, ...samples(30)]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(60_000);
    }
    // Jitter: two workers retrying the same failure do not retry in lockstep.
    expect(new Set(first).size).toBeGreaterThan(50);
  });
});
