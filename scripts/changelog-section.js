// Prints one version's section of CHANGELOG.md (Keep a Changelog format), for
// the release notes: `node scripts/changelog-section.js 1.2.3`. Exits 1 when
// the changelog has no section for that version, so a release cannot go out
// with empty notes.
import { readFileSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The body of `## [version] - date` up to the next `## ` heading, trimmed;
 * undefined when there is no such section or it is empty.
 * @param {string} changelog
 * @param {string} version
 * @returns {string | undefined}
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\](\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
  return body === '' ? undefined : body;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const version = (process.argv[2] ?? '').replace(/^v/, '');
  const changelog = readFileSync(fileURLToPath(new URL('../CHANGELOG.md', import.meta.url)), 'utf8');
  const section = version ? changelogSection(changelog, version) : undefined;
  if (section === undefined) {
    console.error(`CHANGELOG.md has no section "## [${version}]" with notes; move the Unreleased notes under it before tagging v${version}`);
    process.exit(1);
  }
  console.log(section);
}
