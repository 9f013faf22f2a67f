import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from './cli-io.js';

function policyFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'roadmap-policy-')), 'roadmap-policy.yml');
  writeFileSync(path, text);
  return path;
}

describe('roadmap-guard validate', () => {
  it('accepts the example policy and says what it enforces', async () => {
    const io = capturedIo();

    const exitCode = await main(['validate', 'examples/roadmap-policy.yml'], io);

    expect(io.err()).toBe('');
    expect(io.out()).toBe(
      'examples/roadmap-policy.yml: OK — 2 categories (deal ≤ 10%, strategic ≥ 60%), 7 business-case fields and 2 reviews for deal, 2 forbidden labels, fails on over-budget, forbidden-label\n',
    );
    expect(exitCode).toBe(0);
  });

  it('refuses a policy over the size cap as the action does', async () => {
    const io = capturedIo();
    const path = policyFile(`version: 1\n${'#'.repeat(300 * 1024)}\n`);

    expect(await main(['validate', path], io)).toBe(1);
    expect(io.err()).toBe(`${path}: the file is 301 KB; a policy file may be at most 256 KB (a complete policy is usually under 10 KB)\n`);
  });

  it("refuses a managed label longer than GitHub's 50 characters, before any run fails on creating it", async () => {
    const io = capturedIo();
    const fifty = 'roadmap: '.padEnd(50, 'x');
    const path = policyFile(`version: 1\nenforcement:\n  labels:\n    non-compliant: "${fifty}"\n    over-budget: "${fifty}y"\n`);

    expect(await main(['validate', path], io)).toBe(1);
    expect(io.err()).toContain(`${path}:5:18 enforcement.labels.over-budget: GitHub allows label names of at most 50 characters; this one has 51`);
    expect(io.err()).not.toContain('non-compliant');
  });

  it('accepts the smallest valid policy', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\n');

    expect(await main(['validate', path], io)).toBe(0);
    expect(io.out()).toBe(`${path}: OK — 0 categories, fails on over-budget, forbidden-label\n`);
  });

  it('checks a policy that extends another on its own, with a note, since the other is not readable offline', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\nextends: acme/.github:roadmap-policy.yml@main\nbusiness-case:\n  applies-to: [deal]\n');

    const exitCode = await main(['validate', path], io);

    expect(io.err()).toBe(`${path}: note: extends acme/.github:roadmap-policy.yml@main, which cannot be read offline; checked this file on its own\n`);
    expect(io.out()).toMatch(/: OK — 0 categories, 0 business-case fields and 0 reviews for deal, /);
    expect(exitCode).toBe(0);
  });

  it('still reports the problems of a policy that extends another', async () => {
    const io = capturedIo();
    const path = policyFile('version: 1\nextends: acme/.github:roadmap-policy.yml\nwork: { unit: hours }\n');

    expect(await main(['validate', path], io)).toBe(1);
    expect(io.err()).toContain(`${path}:3:15 work.unit: expected points or issues, got "hours"\n`);
  });

  it('says where it looked and how to start when there is no policy file', async () => {
    const io = capturedIo();

    const exitCode = await main(['validate', 'no/such/roadmap-policy.yml'], io);

    expect(io.err()).toBe(
      'no/such/roadmap-policy.yml: no policy file found at no/such/roadmap-policy.yml. To start, copy examples/roadmap-policy.yml from Roadmap Guard to no/such/roadmap-policy.yml and adapt it (or point the `policy` input at your file)\n',
    );
    expect(exitCode).toBe(1);
  });

  it('looks for .github/roadmap-policy.yml by default', async () => {
    const io = capturedIo();

    await main(['validate'], io);

    expect(io.out() + io.err()).toMatch(/^\.github\/roadmap-policy\.yml: /);
  });

  it('explains itself with --help', async () => {
    const io = capturedIo();

    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: roadmap-guard validate [path]');
  });

  it('rejects an unknown option with exit code 2', async () => {
    const io = capturedIo();

    expect(await main(['validate', '--strict'], io)).toBe(2);
    expect(io.err()).toMatch(/^roadmap-guard validate: unknown option --strict\n/);
  });
});
