/**
 * Business case: every item in a category that has one answers its form's
 * questions well enough to judge it as an investment, and has had its
 * reviews. Each category asks its own questions: a bet its cap and metric, a
 * deal request who else will buy it. Work `work.exclude-labels` leaves off the
 * roadmap needs none: a customer's bug carries the customer's label, yet it is
 * no investment to argue for.
 */
import type { BusinessCaseField } from '../policy.js';
import { isExcluded, normalizeAnswer, sameAnswer } from '../classify.js';
import { formAnswer, normalizeHeading } from '../issue-form.js';
import { plural, withoutFinalPeriod } from '../wording.js';
import { type AssessedItem, type DraftFinding, type RuleContext, aboutItem } from './context.js';

export function businessCaseRule(context: RuleContext): DraftFinding[] {
  const cases = new Map(context.policy.businessCase.byCategory.map((rule) => [rule.category, rule]));
  if (cases.size === 0) return [];
  return context.items.flatMap((assessed) => {
    const rule = assessed.item.state === 'open' && !isExcluded(context.policy, assessed.item) ? cases.get(assessed.assessment.category) : undefined;
    if (!rule) return [];
    return [...rule.fields.flatMap((field) => checkField(assessed, field)), ...rule.checklist.flatMap((entry) => checkReview(assessed, entry))];
  });
}

function checkField(assessed: AssessedItem, field: BusinessCaseField): DraftFinding[] {
  const answer = (formAnswer(assessed.item.form, field.heading) ?? '').trim();
  const base = { ...aboutItem(assessed), field: field.heading };
  const why = field.message ? ` (${withoutFinalPeriod(field.message)})` : '';
  if (answer === '') {
    if (!field.required) return [];
    return [{ ...base, kind: 'missing-field', message: `No answer to "${field.heading}"`, fix: `${howToAnswer(field)}${why}` }];
  }
  const problem = invalidAnswer(field, answer);
  if (problem) return [{ ...base, kind: 'invalid-field', message: problem, fix: `${howToAnswer(field)}${why}` }];
  if (field.failOn?.some((failing) => sameAnswer(failing, answer))) {
    return [
      {
        ...base,
        kind: 'not-without-customer',
        message: `"${field.heading}" is answered "${oneLine(answer)}"`,
        fix: `${field.message ? `${withoutFinalPeriod(field.message)} — go` : 'Go'} ahead only if the answer is ${acceptable(field)}, otherwise decline the request`,
      },
    ];
  }
  return [];
}

/** Why the answer does not count, or undefined when it does. */
function invalidAnswer(field: BusinessCaseField, answer: string): string | undefined {
  if (field.type === 'date' && parseFormDate(answer) === undefined) {
    return `"${field.heading}" is not a date: "${oneLine(answer)}"`;
  }
  if (field.minWords !== undefined) {
    const words = countWords(answer);
    if (words < field.minWords) return `"${field.heading}" has ${plural(words, 'word')}, fewer than ${field.minWords}`;
  }
  if (field.oneOf && !field.oneOf.some((option) => sameAnswer(option, answer))) {
    return `"${field.heading}" is "${oneLine(answer)}", not one of the expected answers`;
  }
  return undefined;
}

/** The answers that pass: "Yes", or "anything but No". */
function acceptable(field: BusinessCaseField): string {
  const passing = (field.oneOf ?? []).filter((option) => !field.failOn?.some((failing) => sameAnswer(failing, option)));
  if (passing.length > 0) return passing.join(' or ');
  return `not ${(field.failOn ?? []).join(' or ')}`;
}

/** The concrete instruction a product manager can follow. */
function howToAnswer(field: BusinessCaseField): string {
  if (field.oneOf) return `Answer "${field.heading}" with one of: ${field.oneOf.join(', ')}`;
  if (field.type === 'date') return `Fill in "${field.heading}" with a date like 2026-12-31`;
  if (field.minWords !== undefined) return `Fill in "${field.heading}" with at least ${plural(field.minWords, 'word')}`;
  return `Fill in "${field.heading}"`;
}

function checkReview(assessed: AssessedItem, entry: string): DraftFinding[] {
  const wanted = normalizeHeading(entry);
  const box = assessed.item.checklist.find((candidate) => normalizeHeading(candidate.text) === wanted);
  if (box?.checked) return [];
  return [
    {
      ...aboutItem(assessed),
      kind: 'unchecked-review',
      field: entry,
      message: box ? `"${entry}" is not ticked` : `No "${entry}" checkbox`,
      fix: box ? `Tick "${entry}" once it has happened` : `Add "- [x] ${entry}" to the description once it has happened`,
    },
  ];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A form date as midnight UTC in milliseconds: ISO 8601 only, so "03/04/2026" never means two different days. */
export function parseFormDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return midnight;
}

function countWords(text: string): number {
  return normalizeAnswer(text).split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Answers can span lines; a message is one line and short. */
function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
