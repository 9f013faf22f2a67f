import { describe, expect, it } from 'vitest';
import { FINDING_KIND_REGISTRY, FINDING_KINDS, WHY_RULES } from '../../src/core/finding-kinds.js';
import { renderWhy } from '../../src/report/why.js';
import { assessment, evaluation, finding, reportInput, workItem } from './fixtures.js';

function whyOf(kind: (typeof FINDING_KINDS)[number]): string {
  const item = workItem({ number: 4, title: 'Old idea' });
  return renderWhy(
    {
      ...reportInput({
        items: [item],
        evaluation: evaluation({
          items: [assessment({ number: 4 })],
          findings: [finding({ kind, item: { number: 4, title: item.title, url: item.url }, message: `Finding of ${kind}` })],
        }),
      }),
      focusItem: 4,
    },
    'lena',
  );
}

describe('/roadmap why', () => {
  it('has one row per rule, each decided by the kinds the registry files under it', () => {
    const rows = [...whyOf('missing-field').matchAll(/^\| ([^|]+) \| /gm)].map((match) => match[1]).slice(1);
    expect(rows).toEqual([...WHY_RULES]);
  });

  it.each(FINDING_KINDS)('shows a %s finding on the issue in its rule row, never "passes"', (kind) => {
    const row = whyOf(kind).split('\n').find((line) => line.startsWith(`| ${FINDING_KIND_REGISTRY[kind].rule} |`));
    expect(row).toContain(`warning: Finding of ${kind}`);
  });

  it('shows an item about to be archived under backlog age', () => {
    expect(whyOf('archive-pending')).toContain('| Backlog age | warning: Finding of archive-pending |');
  });
});
