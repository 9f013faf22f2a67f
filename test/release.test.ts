import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changelogSection } from '../scripts/changelog-section.js';
import { releaseAssetName, releaseAssetUrl } from './docs/package-specs.js';

describe('release notes', () => {
  const changelog = ['# Changelog', '', '## [Unreleased]', '', '## [1.2.0] - 2027-02-01', '### Added', '- Budgets by quarter', '', '## [1.1.0] - 2027-01-01', '### Fixed', '- A typo'].join('\n');

  it('are the section of the tagged version, up to the next version', () => {
    expect(changelogSection(changelog, '1.2.0')).toBe('### Added\n- Budgets by quarter');
    expect(changelogSection(changelog, '1.1.0')).toBe('### Fixed\n- A typo');
  });

  it('are refused for a version without notes, so a release cannot go out empty', () => {
    expect(changelogSection(changelog, '1.3.0')).toBeUndefined();
    expect(changelogSection(changelog, 'Unreleased')).toBeUndefined();
    expect(changelogSection(changelog, '1.2')).toBeUndefined();
  });

  it('exist for the version package.json names, so its tag can be released', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version);
    expect(notes).toMatch(/### Added\n/);
  });
});

describe('the release workflow', () => {
  const workflow = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: { release: { permissions: Record<string, string>; steps: { run?: string }[] } };
  };
  const runs = workflow.jobs.release.steps.map((step) => step.run ?? '').join('\n');

  it('runs on version tags, with only the permissions it needs', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.jobs.release.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
  });

  it('checks everything CI checks before it releases, moves the major tag and publishes with provenance', () => {
    expect(runs.indexOf('bash .ci/run')).toBeLessThan(runs.indexOf('gh release create'));
    expect(runs).toContain('node scripts/changelog-section.js');
    expect(runs).toContain('git push --force origin "refs/tags/$major"');
    expect(runs).toContain('npm publish "$TARBALL" --provenance');
  });

  it('attaches to the release the tarball npm pack makes, and publishes that same file to npm', () => {
    const steps = workflow.jobs.release.steps as { id?: string; run?: string; env?: Record<string, string> }[];
    const pack = steps.findIndex((step) => step.id === 'pack');
    const release = steps.findIndex((step) => step.run?.includes('gh release create'));
    const publish = steps.findIndex((step) => step.run?.includes('npm publish'));
    expect(steps[pack]!.run).toMatch(/npm pack --pack-destination "\$RUNNER_TEMP" --json/);
    expect(runs.indexOf('bash .ci/run')).toBeLessThan(runs.indexOf('npm pack'));
    for (const step of [release, publish]) {
      expect(step).toBeGreaterThan(pack);
      expect(steps[step]!.env?.TARBALL).toBe('${{ steps.pack.outputs.tarball }}');
    }
    expect(steps[release]!.run).toContain('gh release create "$TAG" "$TARBALL"');
  });

  it("names the tarball as npm pack does, which is what the README's download address expects", () => {
    // npm pack names an unscoped package's tarball <name>-<version>.tgz; scripts/check-package.js checks it on the real pack.
    const { name } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string };
    expect(releaseAssetName('1.2.3')).toBe(`${name}-1.2.3.tgz`);
    expect(readFileSync('README.md', 'utf8')).toContain(`npm install -g ${releaseAssetUrl('<version>')}`);
  });
});
