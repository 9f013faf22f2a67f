import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as actionsCore from '@actions/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as commands from '../../src/action/workflow-commands.js';
import { parseOutputFile } from '../e2e/run-action.js';

/** What a call writes to stdout. */
function written(call: () => void): string {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    call();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

const HOSTILE = 'line one\r\nline two: 100% done, a::b';
const WHERE = { title: 'Policy: a, b', file: '.github/roadmap-policy.yml', startLine: 7, startColumn: 3 };

describe('workflow commands', () => {
  // Each test is a step of its own: annotations another test file wrote in this worker count toward no limit here.
  beforeEach(() => commands.startStep());
  afterEach(() => {
    commands.startStep();
    delete process.env['INPUT_MAX-WRITES'];
    process.exitCode = undefined;
  });

  it('writes log lines, annotations and masks exactly as @actions/core does, escaping what would break a command', () => {
    for (const name of ['notice', 'warning', 'error'] as const) {
      expect(written(() => commands[name](HOSTILE, WHERE))).toBe(written(() => actionsCore[name](HOSTILE, WHERE)));
      expect(written(() => commands[name](HOSTILE))).toBe(written(() => actionsCore[name](HOSTILE)));
    }
    expect(written(() => commands.error('x', WHERE))).toBe('::error title=Policy%3A a%2C b,file=.github/roadmap-policy.yml,line=7,col=3::x\n');
    expect(written(() => commands.info(HOSTILE))).toBe(written(() => actionsCore.info(HOSTILE)));
    expect(written(() => commands.setSecret('ghp_secret\nvalue'))).toBe(written(() => actionsCore.setSecret('ghp_secret\nvalue')));
  });

  it('spells out bidirectional controls in log lines and annotations, but masks a secret exactly', () => {
    const reordered = 'categories.deal\u202eevil: refused';
    for (const name of ['info', 'notice', 'warning', 'error'] as const) {
      const line = written(() => commands[name](reordered, name === 'info' ? undefined : { title: 'a\u2067b' }));
      expect(line).toContain('deal\\u202eevil');
      expect(line).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
    expect(written(() => commands.setSecret('x\u202ey'))).toBe('::add-mask::x\u202ey\n');
  });

  it('fails the step with exit code 1 and an error annotation', () => {
    expect(written(() => commands.setFailed('the policy is broken'))).toBe('::error::the policy is broken\n');
    expect(process.exitCode).toBe(1);
  });

  it('reads an input by its action.yml name, trimmed, empty when absent', () => {
    process.env['INPUT_MAX-WRITES'] = '  25 \n';
    expect(commands.getInput('max-writes')).toBe('25');
    expect(commands.getInput('dry-run')).toBe(actionsCore.getInput('dry-run'));
    expect(commands.getInput('dry-run')).toBe('');
  });

  it('appends outputs to GITHUB_OUTPUT in blocks a value cannot break out of', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-commands-'));
    const saved = process.env.GITHUB_OUTPUT;
    try {
      process.env.GITHUB_OUTPUT = join(dir, 'output');
      await writeFile(process.env.GITHUB_OUTPUT, '');
      // A value that tries to end its block and set another output.
      const forged = 'x\nEOF\ncompliant=true\ncompliant<<EOF\ntrue';
      commands.setOutput('findings', forged);
      commands.setOutput('compliant', 'false');
      const text = await readFile(process.env.GITHUB_OUTPUT, 'utf8');
      expect(parseOutputFile(text)).toEqual({ findings: forged, compliant: 'false' });
      expect(text).toMatch(/^findings<<ghadelimiter_[0-9a-f-]{36}\n/);
      process.env.GITHUB_OUTPUT = join(dir, 'missing');
      expect(() => commands.setOutput('compliant', 'true')).toThrow(/Missing file at path/);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_OUTPUT;
      else process.env.GITHUB_OUTPUT = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
