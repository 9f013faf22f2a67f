/**
 * The answer to `/roadmap why`: the evaluation of one issue in full — its
 * category and what put it there, its size and where that came from, its
 * customer, and every rule with its result — so nobody has to read the
 * policy file to understand a verdict.
 */
import { fieldTexts, sameAnswer } from '../core/classify.js';
import { FINDING_KIND_REGISTRY, FINDING_KINDS, WHY_RULES } from '../core/finding-kinds.js';
import { matchesGlob } from '../core/glob.js';
import type { Finding, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { codeSpan, escapeText } from './escape.js';
import { budgetFor, day } from './format.js';
import { amount } from '../core/wording.js';
import type { ReportInput } from './types.js';

/** The rule table's rows, each with the kinds that decide it (from the registry). */
const RULES = WHY_RULES.map((title) => ({ title, kinds: FINDING_KINDS.filter((kind) => FINDING_KIND_REGISTRY[kind].rule === title) }));

export function renderWhy(input: ReportInput & { focusItem: number }, actor: string): string {
  const { evaluation, policy } = input;
  const assessment = evaluation.items.find((a) => a.number === input.focusItem);
  const item = input.items.find((candidate) => candidate.number === input.focusItem);
  if (!assessment || !item) return `**Reply to ${codeSpan(actor)}** (${codeSpan('/roadmap why')}): this issue was not evaluated.`;
  const findings = evaluation.findings.filter((f) => concerns(f, assessment.number, assessment.category));
  const budget = budgetFor(evaluation, assessment.category);
  const lines = [
    `**Reply to ${codeSpan(actor)}** (${codeSpan('/roadmap why')}): how this issue was evaluated on ${day(evaluation.at)}.`,
    '',
    `- **Category:** ${codeSpan(assessment.category)} (${categoryReason(policy, item, assessment.category)})`,
    `- **Customer:** ${assessment.customer ? escapeText(assessment.customer, 60) : 'none named'}`,
    `- **Size:** ${amount(assessment.size, evaluation.unit)} (${sizeReason(policy, item, assessment.sizeDefaulted)})`,
    `- **Counts toward the budgets:** ${assessment.planned ? 'yes' : 'no (not planned work: closed, or excluded by `work.exclude-labels`)'}`,
    `- **Exempt:** ${assessment.exempt ? `yes (label ${codeSpan(policy.exemptions?.label ?? '')})` : 'no'}`,
    budget ? `- **${escapeText(budget.category, 40)} work:** ${budget.share} of planned capacity${budget.maxShare ? `, cap ${budget.maxShare.text}` : ''}${budget.minShare ? `, minimum ${budget.minShare.text}` : ''}` : '',
    '',
    '| Rule | Result |',
    '|---|---|',
    ...RULES.map((rule) => `| ${rule.title} | ${ruleResult(findings.filter((f) => rule.kinds.includes(f.kind)))} |`),
  ];
  return lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n');
}

function concerns(finding: Finding, number: number, category: string): boolean {
  if (finding.item) return finding.item.number === number;
  return finding.category === category && (finding.contributors === undefined || finding.contributors.includes(number));
}

function ruleResult(findings: Finding[]): string {
  if (findings.length === 0) return 'passes';
  return findings
    .sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind))
    .map((f) => `${f.exempt ? 'exempt' : f.severity === 'fail' ? '**fails**' : 'warning'}: ${escapeText(f.message, 200)}`)
    .join('<br>');
}

function categoryReason(policy: Policy, item: WorkItem, category: string): string {
  const rule = policy.categories.find((candidate) => candidate.name === category);
  if (!rule) return 'no category of the policy matches it';
  const label = item.labels.find((name) => rule.match.labels.some((glob) => matchesGlob(glob, name)));
  if (label) return `label ${codeSpan(label)}`;
  const field = Object.entries(rule.match.fields).find(([name, value]) => fieldTexts(item, name).some((text) => sameAnswer(text, value)));
  return field ? `${escapeText(field[0], 60)} is ${escapeText(field[1], 60)}` : 'its match rule';
}

function sizeReason(policy: Policy, item: WorkItem, defaulted: boolean): string {
  if (policy.work.unit === 'issues') return 'every item counts 1';
  if (defaulted || (!policy.work.size.field && Object.keys(policy.work.size.labels).length === 0)) return 'no estimate: the default size';
  const field = policy.work.size.field;
  if (field && fieldTexts(item, field).some((text) => /^\s*\d/.test(text))) return `field ${escapeText(field, 60)}`;
  const label = item.labels.find((name) => Object.keys(policy.work.size.labels).some((glob) => matchesGlob(glob, name)));
  return label ? `label ${codeSpan(label)}` : 'its estimate';
}
