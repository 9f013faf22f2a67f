import { describe, expect, it } from 'vitest';
import { itemName, itemNamer, itemPrefix } from '../../src/core/item-name.js';

describe('itemName: an item as its readers know it', () => {
  it('names an issue of this repository by its number', () => {
    expect(itemName({ number: 12, title: 'Ship it', url: 'https://github.com/acme/widgets/issues/12' })).toBe('#12');
  });

  it("names another repository's issue on the board owner/repo#n from its link, never by its negative key", () => {
    expect(itemName({ number: -3, title: 'API deal', url: 'https://github.com/acme/api/issues/5' })).toBe('acme/api#5');
    expect(itemName({ number: -4, url: 'https://ghe.example.com/acme/api.v2/issues/7' })).toBe('acme/api.v2#7');
  });

  it('names a draft by its title, cut, and "a draft issue" without one', () => {
    expect(itemName({ number: -1, title: 'Spike:\n SSO  protocols', url: '' })).toBe('draft: Spike: SSO protocols');
    expect(itemName({ number: -1, title: 'x'.repeat(60), url: '' })).toBe(`draft: ${'x'.repeat(39)}…`);
    expect(itemName({ number: -2, title: '  ', url: '' })).toBe('a draft issue');
  });

  it('starts a line that prints the title after it with the reference, or "draft:"', () => {
    expect(itemPrefix({ number: 12, url: '' })).toBe('#12');
    expect(itemPrefix({ number: -3, url: 'https://github.com/acme/api/issues/5' })).toBe('acme/api#5');
    expect(itemPrefix({ number: -1, title: 'Spike', url: '' })).toBe('draft:');
  });

  it('names keys from the items, and a key with no item without printing it', () => {
    const nameOf = itemNamer([{ number: -1, title: 'Spike', url: '' }]);
    expect([nameOf(-1), nameOf(7), nameOf(-9)]).toEqual(['draft: Spike', '#7', 'a board item']);
  });
});
