import { maskName, maskPhone } from '../../server/platform/mask';

/** What someone who is not the person, their handler or staff in scope sees of a name and a phone. */
describe('masking', () => {
  it('keeps the surname of a name and hides the given name', () => {
    // The example is 张** (one star per hidden character); the module now writes a single
    // star so the length of the given name is not shown either. Both hide the given name.
    expect(maskName('张秀兰')).toMatch(/^张\*+$/);
    expect(maskName(' 刘建国 ')).toMatch(/^刘\*+$/);
    expect(maskName('Anna')).toMatch(/^A\*+$/);
  });

  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('****');
  });

  it('shows nothing for nothing', () => {
    expect(maskName(null)).toBe('');
    expect(maskName(undefined)).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
