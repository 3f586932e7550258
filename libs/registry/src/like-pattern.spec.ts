import { escapeLikePattern, LIKE_ESCAPE } from './like-pattern';

describe('escapeLikePattern', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(LIKE_ESCAPE).toBe('!');
    expect(escapeLikePattern('100%_a!b')).toBe('100!%!_a!!b');
  });

  it('leaves everything else alone, backslashes and 𠮷 included', () => {
    expect(escapeLikePattern('a\\b 𠮷田 Co.')).toBe('a\\b 𠮷田 Co.');
  });
});
