import { maskPersonalIdentifiers, maskResidentId } from './mask';

describe('masking personal identifiers for logs', () => {
  it('masks 18- and 15-digit resident IDs inside text', () => {
    expect(maskPersonalIdentifiers('id=33052219850615123X&old=110105491231002')).toBe(
      'id=3305************3X&old=1101*********02',
    );
  });
  it('masks a lower-case x form', () => {
    expect(maskPersonalIdentifiers('"11010519491231002x"')).toBe('"1101************2x"');
  });
  it('leaves enterprise codes, timestamps and other numbers alone', () => {
    const text = 'uscc 914403001922038216 at 1764072000000 count 12345678901234567890';
    expect(maskPersonalIdentifiers(text)).toBe(text);
  });
  it('masks all but 4 + 2 characters', () => {
    expect(maskResidentId('330522198506151235')).toBe('3305************35');
  });
});
