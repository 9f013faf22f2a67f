import { describe, expect, it } from 'vitest';
import { budgetsOutput, findingsOutput } from '../../src/report/outputs.js';
import { smallRoadmap } from './scenarios.js';

describe('findingsOutput', () => {
  it('gives every finding the same stable fields, item as a number or null', () => {
    const output = findingsOutput(smallRoadmap().evaluation);
    for (const entry of output) {
      expect(Object.keys(entry)).toEqual(['kind', 'severity', 'item', 'name', 'url', 'title', 'category', 'customer', 'message', 'fix', 'exempt']);
    }
    expect(output[0]).toEqual({
      kind: 'missing-field',
      severity: 'warn',
      item: 12,
      name: '#12',
      url: 'https://github.com/acme/app/issues/12',
      title: 'SAML single sign-on for Globex',
      category: 'deal',
      customer: 'globex',
      message: '"Who will buy it?" is not answered',
      fix: 'Fill in "Who will buy it?" with at least 3 words',
      exempt: false,
    });
    const overBudget = output.find((f) => f.kind === 'over-budget')!;
    expect(overBudget).toMatchObject({ item: null, name: null, url: null, title: null, customer: null, severity: 'fail' });
  });

  it("names a board item of another repository or a draft, with no number of this repository's", () => {
    const { evaluation } = smallRoadmap();
    const onBoard = (number: number, url: string) => ({ ...evaluation.findings[0]!, item: { number, title: 'API deal', url } });
    const output = findingsOutput({ ...evaluation, findings: [onBoard(-3, 'https://github.com/acme/api/issues/5'), onBoard(-4, '')] });
    expect(output.map((f) => [f.item, f.name])).toEqual([
      [null, 'acme/api#5'],
      [null, 'draft: API deal'],
    ]);
  });

  it('survives a JSON round trip unchanged', () => {
    const output = findingsOutput(smallRoadmap().evaluation);
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });
});

describe('budgetsOutput', () => {
  it('gives each category its points, share, cap, floor and customers', () => {
    const output = budgetsOutput(smallRoadmap().evaluation);
    expect(output).toEqual([
      {
        category: 'deal',
        items: 3,
        points: 12,
        share: '30%',
        cap: '10%',
        floor: null,
        status: 'over',
        customers: [
          { customer: 'globex', points: 11, share: '91.7%', cap: '50%', over: true },
          { customer: 'initech', points: 1, share: '8.3%', cap: '50%', over: false },
        ],
      },
      { category: 'strategic', items: 3, points: 19, share: '47.5%', cap: null, floor: '60%', status: 'under', customers: [] },
      { category: 'other', items: 1, points: 8, share: '20%', cap: null, floor: null, status: 'uncapped', customers: [] },
    ]);
  });
});
