import { ResponseCache } from './response-cache';

describe('ResponseCache', () => {
  it('fetches only the missing keys, once, and answers in input order', async () => {
    const cache = new ResponseCache<string>(60_000);
    const fetch = jest.fn((keys: string[]) =>
      Promise.resolve(new Map(keys.filter((k) => k !== 'c').map((k) => [k, k.toUpperCase()]))),
    );
    expect(await cache.getMany(['a', 'b', 'a', 'c'], fetch)).toEqual(['A', 'B', 'A', null]);
    expect(fetch).toHaveBeenCalledWith(['a', 'b', 'c']);
    expect(await cache.getMany(['c', 'b', 'd'], fetch)).toEqual([null, 'B', 'D']);
    expect(fetch).toHaveBeenLastCalledWith(['d']);
  });

  it('with a TTL of 0 always fetches', async () => {
    const cache = new ResponseCache<number>(0);
    const fetch = jest.fn((keys: string[]) => Promise.resolve(new Map(keys.map((k) => [k, 1]))));
    await cache.getMany(['a'], fetch);
    await cache.getMany(['a'], fetch);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('forgets entries after the TTL', async () => {
    const cache = new ResponseCache<number>(30);
    const fetch = jest.fn((keys: string[]) => Promise.resolve(new Map(keys.map((k) => [k, 1]))));
    await cache.getMany(['a'], fetch);
    await new Promise((r) => setTimeout(r, 60));
    await cache.getMany(['a'], fetch);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('caches nothing when the fetch fails', async () => {
    const cache = new ResponseCache<number>(60_000);
    await expect(cache.getMany(['a'], () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    const fetch = jest.fn(() => Promise.resolve(new Map([['a', 7]])));
    expect(await cache.getMany(['a'], fetch)).toEqual([7]);
  });
});
