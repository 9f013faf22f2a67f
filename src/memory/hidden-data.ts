/**
 * Data the bot keeps in a hidden line of its own comment:
 * `<!-- roadmap-guard:<name> <base64url JSON> -->`. Base64url can never close
 * the HTML comment early, whatever the data holds (reasons are typed by
 * people). Only the bot's own comment (found by marker and author) is ever
 * read back, so nobody else can forge it.
 */
const SUFFIX = ' -->';

function prefix(name: string): string {
  return `<!-- roadmap-guard:${name} `;
}

/** The hidden line that carries `value` under `name`. */
export function hiddenData(name: string, value: unknown): string {
  return `${prefix(name)}${Buffer.from(JSON.stringify(value)).toString('base64url')}${SUFFIX}`;
}

/** The value of the first hidden line named `name`; undefined when there is none or it cannot be read. Check its shape before use. */
export function readHiddenData(body: string | undefined, name: string): unknown {
  const start = body?.indexOf(prefix(name)) ?? -1;
  const end = start < 0 ? -1 : body!.indexOf(SUFFIX, start + prefix(name).length);
  if (end < 0) return undefined;
  try {
    return JSON.parse(Buffer.from(body!.slice(start + prefix(name).length, end), 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
