import { describe, expect, it } from 'vitest';
import { fieldPath, formatProblem, PolicyError } from '../../src/policy/errors.js';

describe('policy problems', () => {
  it('reads file:line:col field: message', () => {
    expect(
      formatProblem({ file: '.github/roadmap-policy.yml', line: 14, column: 7, field: 'categories.deal.budget.max-share', message: 'expected a share like 10% or 0.1, got "ten percent"' }),
    ).toBe('.github/roadmap-policy.yml:14:7 categories.deal.budget.max-share: expected a share like 10% or 0.1, got "ten percent"');
  });

  it('leaves out what a problem does not have', () => {
    expect(formatProblem({ file: 'p.yml', line: 3, column: 1, message: 'YAML syntax error: tabs cannot indent YAML' })).toBe('p.yml:3:1 YAML syntax error: tabs cannot indent YAML');
    expect(formatProblem({ file: 'p.yml', message: 'no policy file found' })).toBe('p.yml: no policy file found');
    expect(formatProblem({ file: 'p.yml', field: 'extends', message: 'not found' })).toBe('p.yml: extends: not found');
  });

  it('names keys in policy terms, quoting the ones with spaces or symbols', () => {
    expect(fieldPath(['business-case', 'fields', 2, 'one-of'])).toBe('business-case.fields[2].one-of');
    expect(fieldPath(['categories', 'deal', 'match', 'fields', 'Work type'])).toBe('categories.deal.match.fields["Work type"]');
    expect(fieldPath(['work', 'size', 'labels', 'size/S'])).toBe('work.size.labels["size/S"]');
    expect(fieldPath([])).toBe('');
  });

  it('lists every problem, one per line, in file order then line order', () => {
    const error = new PolicyError([
      { file: 'a.yml', line: 9, column: 1, field: 'work', message: 'second' },
      { file: 'b.yml', line: 1, column: 1, field: 'version', message: 'third' },
      { file: 'a.yml', line: 2, column: 5, field: 'version', message: 'first' },
    ]);

    expect(error.message).toBe('a.yml:2:5 version: first\na.yml:9:1 work: second\nb.yml:1:1 version: third');
    expect(error.problems.map((p) => p.message)).toEqual(['first', 'second', 'third']);
    expect(error.name).toBe('PolicyError');
    expect(error).toBeInstanceOf(Error);
  });
});
