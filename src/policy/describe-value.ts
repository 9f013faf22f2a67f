/** The most characters of a user's value a message repeats: enough to recognise it, too few to leak a file. */
const EXCERPT_LENGTH = 40;

/**
 * The start of `text`, ending in … when it was cut. Whatever a policy file
 * holds (a symlink may point at a file of secrets), messages quote no more
 * than this of it.
 */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`;
}

/** A value from a policy file, shown the way the user would recognise it in their YAML. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty text' : quoted(value);
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return 'a mapping';
  return excerpt(String(value));
}

// Bidirectional controls and other invisible format characters: quoted raw, they reorder the message around them.
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * Invisible characters spelt out as JSON escapes (`\u202e`): raw, a right-to-left
 * override reorders the rest of the message, so a message could read as
 * something it does not say.
 */
export function spellInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quoted(text: string): string {
  const cut = excerpt(text);
  const shown = spellInvisible(JSON.stringify(cut));
  return cut === text ? shown : `${shown} (${[...text].length} characters)`;
}
