import { maskName, maskPhone } from '../../contract/mask';
import * as server from '../../server/platform/mask';
import * as client from '../../src/utils/mask';

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

  it('masks a shorter number (a local landline, with spaces) by its last four only', () => {
    expect(maskPhone('632 1234')).toBe('****1234');
    expect(maskPhone('0797 632 1234')).toBe('079****1234');
    expect(maskPhone('138 1234 1234')).toBe('138****1234');
  });

  it('is one implementation: the server’s views and the client’s screens mask alike', () => {
    for (const phone of ['13812341234', '07976321234', '6321234', '123', null])
      expect([server.maskPhone(phone), client.maskPhone(phone ?? '')]).toEqual([
        maskPhone(phone),
        maskPhone(phone ?? ''),
      ]);
    expect(server.maskName('张秀兰')).toBe(client.maskName('张秀兰'));
  });

  it('shows nothing for nothing', () => {
    expect(maskName(null)).toBe('');
    expect(maskName(undefined)).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
