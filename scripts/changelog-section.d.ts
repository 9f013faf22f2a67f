/** See changelog-section.js: one version's section of CHANGELOG.md, or undefined when it has none. */
export function changelogSection(changelog: string, version: string): string | undefined;
