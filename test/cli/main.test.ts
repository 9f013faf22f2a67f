import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES_HELP, reportBadInput, type CliIo } from '../../src/cli/io.js';
import { GitHubReadError } from '../../src/github/errors.js';
import { runCommand } from '../../src/cli/main.js';
import { capturedIo, runCli } from './helpers.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('roadmap-guard', () => {
  it('prints the version of the installed package with --version and -v', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
    expect((await runCli(['-v'])).stdout).toBe(`${manifest.version}\n`);
  });

  it('lists the commands, --format, --version and the one exit-code scheme in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}validate \[path\]/m);
    expect(stdout).toContain('--format text|markdown|json');
    expect(stdout).toContain('--version, -v');
    expect(stdout).toContain(EXIT_CODES_HELP);
  });

  it('prints a command\'s own help for help <command>, as for <command> --help', async () => {
    for (const command of ['validate', 'demo', 'simulate', 'snapshot']) {
      const help = await runCli(['help', command]);
      expect(help, command).toEqual({ ...(await runCli([command, '--help'])), stderr: '' });
      expect(help.stdout).toMatch(new RegExp(`^Usage: roadmap-guard ${command} `));
    }
    expect(await runCli(['help', 'valdate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^roadmap-guard: unknown command "valdate"; did you mean validate\?/) });
  });

  it('every command help lists the same exit codes', async () => {
    for (const command of ['validate', 'demo', 'simulate', 'snapshot']) {
      expect((await runCli([command, '--help'])).stdout, command).toContain(EXIT_CODES_HELP);
    }
  });

  it('says a crash is a bug, with the stack to report, and exits 2, never 1 (which means the check fails)', async () => {
    const io = capturedIo();
    const crash = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'labels')");
    };
    expect(await runCommand('simulate', crash, [], io)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`^roadmap-guard simulate: unexpected error, a bug in roadmap-guard ${manifest.version.replace(/\./g, '\\.')}\\. Please report it with the command you ran and this output:\nTypeError: Cannot read properties of undefined \\(reading 'labels'\\)\n {4}at `));
  });

  it("says a plain Error a command's own code throws is a bug too, not the user's input; GitHub's failures stay one line", async () => {
    const plain = async (_args: string[], io: CliIo) => {
      try {
        throw new Error('cannot happen: no category');
      } catch (error) {
        return reportBadInput('simulate', error, io);
      }
    };
    const io = capturedIo();
    expect(await runCommand('simulate', plain, [], io)).toBe(2);
    expect(io.err()).toMatch(/^roadmap-guard simulate: unexpected error, a bug in roadmap-guard .*Please report it with the command you ran and this output:\nError: cannot happen: no category\n {4}at /);

    const github = capturedIo();
    const refused = new GitHubReadError('Repository acme/widgets was not found, or the token cannot read it.');
    expect(reportBadInput('snapshot', new Error('Could not read the board.\nDetails', { cause: refused }), github)).toBe(2);
    expect(reportBadInput('snapshot', refused, github)).toBe(2);
    expect(github.err()).toBe('roadmap-guard snapshot: Could not read the board.\nroadmap-guard snapshot: Repository acme/widgets was not found, or the token cannot read it.\n');
  });

  it('suggests the nearest command for a typo and exits 2', async () => {
    const { code, stderr } = await runCli(['valdate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^roadmap-guard: unknown command "valdate"; did you mean validate\?\n/);
  });
});
