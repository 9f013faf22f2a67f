import { describe, expect, it } from 'vitest';
import { parseIssueBody } from '../../src/core/issue-form.js';
import { deliveredTrend } from '../../src/core/trend.js';
import { evaluate } from '../../src/core/evaluate.js';
import { PolicyError } from '../../src/policy/errors.js';
import { loadPolicy } from '../../src/policy/load.js';
import { NOW, workItem } from '../core/fixtures.js';

const TOP = '.github/roadmap-policy.yml';
const ORG = 'acme/.github:roadmap-policy.yml';

async function load(files: Record<string, string>) {
  return loadPolicy(TOP, async ({ repo, path }) => {
    const text = files[repo === null ? path : `${repo}:${path}`];
    return text === undefined ? null : { text };
  });
}

async function problems(files: Record<string, string>): Promise<string> {
  const error = await load(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyError);
  return (error as PolicyError).message;
}

describe('keys named like Object.prototype', () => {
  it('refuses `__proto__` as a category or a size label, at its line, instead of dropping it', async () => {
    const text = ['version: 1', 'categories:', '  __proto__:', '    match: { labels: [deal] }', 'work:', '  size:', '    labels: { "__proto__": 5, size/S: 1 }', ''].join('\n');
    expect((await problems({ [TOP]: text })).split('\n')).toEqual([
      `${TOP}:3:3 categories.__proto__: \`__proto__\` cannot be used as a name; choose another`,
      `${TOP}:7:15 work.size.labels.__proto__: \`__proto__\` cannot be used as a name; choose another`,
    ]);
  });

  it('refuses `__proto__` in an extended policy, in that file', async () => {
    const message = await problems({ [TOP]: `version: 1\nextends: ${ORG}\n`, [ORG]: 'version: 1\ncategories:\n  __proto__:\n    match: { labels: [deal] }\n' });
    expect(message).toBe(`${ORG}:3:3 categories.__proto__: \`__proto__\` cannot be used as a name; choose another`);
  });

  it('counts a category named constructor like any other, in budgets and the trend', async () => {
    const { policy } = await load({
      [TOP]: `version: 1\nextends: ${ORG}\ncategories:\n  toString:\n    match: { labels: [tidy] }\n`,
      [ORG]: 'version: 1\ncategories:\n  constructor:\n    match: { labels: [deal] }\n    budget: { max-share: 10% }\nwork:\n  size:\n    labels: { hasOwnProperty: 3 }\n',
    });
    expect(policy.categories.map((c) => c.name)).toEqual(['constructor', 'toString']);
    const items = [
      workItem({ number: 1, labels: ['deal', 'hasOwnProperty'] }),
      workItem({ number: 2, labels: ['tidy'] }),
      workItem({ number: 3, labels: ['deal'], state: 'closed', closedAt: '2026-11-01T00:00:00Z' }),
    ];
    const evaluation = evaluate(policy, items, NOW);
    expect(evaluation.budgets.find((b) => b.category === 'constructor')).toMatchObject({ points: 3, share: '75%' });
    expect(deliveredTrend(policy, items, NOW, 1)).toEqual([{ month: '2026-11', deliveredPoints: 1, byCategory: { constructor: 1 } }]);
  });

  it('keeps an issue-form answer under a heading named __proto__', () => {
    const { form } = parseIssueBody('### __proto__\n\nanswer one\n\n### constructor\n\nanswer two\n');
    expect(Object.entries(form)).toEqual([
      ['__proto__', 'answer one'],
      ['constructor', 'answer two'],
    ]);
  });
});
