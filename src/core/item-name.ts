/**
 * How an item is named wherever it is mentioned, in every finding and every
 * view: "#12" for an issue of this repository, "acme/api#5" for an issue of
 * another repository on the board, "draft: Title" for a draft issue. Board
 * items outside this repository have no number here: their key is negative,
 * so it must never be printed. Plain text; each view escapes it for its medium.
 */

/** What a name is made from: the item's key, its title and its link. */
export interface NameableItem {
  number: number;
  title?: string;
  url: string;
}

/** The longest draft title a name carries before it is cut. */
const DRAFT_TITLE_MAX = 40;

/** `owner/repo#n` from an issue's link on github.com or a GitHub Enterprise host; undefined for any other link. */
function issueRefFromUrl(url: string): string | undefined {
  const match = /^https:\/\/[^/]+\/([\w.-]+\/[\w.-]+)\/issues\/(\d+)$/.exec(url);
  return match ? `${match[1]}#${match[2]}` : undefined;
}

/** How a board item outside this repository is named: `owner/repo#n` from its link, else as a draft. */
function boardItemName(item: Omit<NameableItem, 'number'>): string {
  const ref = issueRefFromUrl(item.url);
  if (ref) return ref;
  const title = (item.title ?? '').replace(/\s+/g, ' ').trim();
  if (!title) return 'a draft issue';
  const chars = [...title];
  return `draft: ${chars.length > DRAFT_TITLE_MAX ? `${chars.slice(0, DRAFT_TITLE_MAX - 1).join('').trimEnd()}…` : title}`;
}

/** An issue of this repository, which the product can read the timeline of and write to; not another repository's board item or a draft. */
export function isThisRepositorysIssue(item: { number: number }): boolean {
  return item.number > 0;
}

/** "#12", "acme/api#5" or "draft: Title": the item as its readers know it. */
export function itemName(item: NameableItem): string {
  return isThisRepositorysIssue(item) ? `#${item.number}` : boardItemName(item);
}

/** What a line that prints the item's title after it starts with: "#12", "acme/api#5", or "draft:" before a draft's title. */
export function itemPrefix(item: NameableItem): string {
  if (isThisRepositorysIssue(item)) return `#${item.number}`;
  return issueRefFromUrl(item.url) ?? 'draft:';
}

/** Names by key, for texts built from the keys only (a finding's contributors): a key with no item is named as the board item it must be. */
export function itemNamer(items: Iterable<NameableItem>): (key: number) => string {
  const byKey = new Map<number, NameableItem>();
  for (const item of items) byKey.set(item.number, item);
  return (key) => {
    const item = byKey.get(key);
    if (item) return itemName(item);
    return key > 0 ? `#${key}` : 'a board item';
  };
}
