/**
 * An issue form that no longer asks what the policy checks: every issue filed
 * with it would miss an answer the business case needs. Each problem points
 * at the form's line to change (or at `body:` for a question that is gone).
 *
 * A form belongs to the first category with a business case whose plain
 * label it applies; forms for anything else are not the policy's business.
 */
import type { CategoryCase, Policy } from '../core/policy.js';
import { normalizeHeading } from '../core/issue-form.js';
import { sameAnswer } from '../core/classify.js';
import { matchesGlob } from '../core/glob.js';
import { editDistance } from './did-you-mean.js';
import { describeValue } from './describe-value.js';
import { fieldPath, type PolicyProblem } from './errors.js';
import { isMapping } from './merge.js';
import { readPolicySource } from './yaml-source.js';

interface Question {
  index: number;
  type: string;
  label: string;
  options: string[];
}

const MAX_FORM_BYTES = 256 * 1024;

const REGENERATE = 'run roadmap-guard forms to write the form again from the policy';

/** The problems of one form file against the policy; [] for a form of no category with a business case. */
export function formDrift(policy: Policy, file: string, text: string): PolicyProblem[] {
  // Issue forms are a few KB; a file this large is not one, and is not parsed.
  if (Buffer.byteLength(text, 'utf8') > MAX_FORM_BYTES) return [{ file, message: `the file is over ${MAX_FORM_BYTES / 1024} KB, too large to be an issue form; move it out of the forms folder` }];
  const source = readPolicySource(text, file);
  if (!source.readable) return source.problems;
  const form = source.value;
  if (!isMapping(form)) return [];
  const rule = caseOf(policy, form['labels']);
  if (!rule) return [];
  const at = (path: PropertyKey[], target: 'key' | 'value' = 'value') => ({ file, ...source.locate(path, target), field: fieldPath(path) });
  const questions = questionsOf(form['body']);
  const problems: PolicyProblem[] = [];
  const known = new Set([...rule.fields.map((field) => normalizeHeading(field.heading)), ...extraHeadings(policy)]);
  for (const field of rule.fields) {
    const asked = questions.find((question) => question.type !== 'checkboxes' && normalizeHeading(question.label) === normalizeHeading(field.heading));
    if (asked) {
      problems.push(...optionDrift(asked, field.oneOf, rule.category, at));
      continue;
    }
    const renamed = closestQuestion(field.heading, questions, known);
    problems.push(
      renamed
        ? { ...at(['body', renamed.index, 'attributes', 'label']), message: `${describeValue(renamed.label)} is not a question the policy knows; the business case for ${rule.category} asks ${describeValue(field.heading)} (${REGENERATE})` }
        : { ...at(['body'], 'key'), message: `no ${describeValue(field.heading)} question, which the business case for ${rule.category} asks (${REGENERATE})` },
    );
  }
  const boxes = questions.filter((question) => question.type === 'checkboxes').flatMap((question) => question.options);
  for (const entry of rule.checklist) {
    if (!boxes.some((box) => normalizeHeading(box) === normalizeHeading(entry))) {
      problems.push({ ...at(['body'], 'key'), message: `no ${describeValue(entry)} checkbox, which the business case for ${rule.category} needs ticked (${REGENERATE})` });
    }
  }
  return problems;
}

/** The category whose form this is: the first with a business case that a label of the form puts issues in. */
function caseOf(policy: Policy, labels: unknown): CategoryCase | undefined {
  const applied = (Array.isArray(labels) ? labels : typeof labels === 'string' ? labels.split(',') : []).filter((label): label is string => typeof label === 'string').map((label) => label.trim());
  return policy.businessCase.byCategory.find((rule) => {
    const category = policy.categories.find((candidate) => candidate.name === rule.category);
    return category?.match.labels.some((glob) => !/[*?]/.test(glob) && applied.some((label) => matchesGlob(glob, label)));
  });
}

/** Headings a form may ask besides the business case: the customer and the size. */
function extraHeadings(policy: Policy): string[] {
  return [policy.customer.field, policy.work.size.field].filter((name): name is string => name !== undefined).map(normalizeHeading);
}

function questionsOf(body: unknown): Question[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((element, index): Question[] => {
    if (!isMapping(element) || !isMapping(element['attributes'])) return [];
    const { label, options } = element['attributes'];
    if (typeof label !== 'string') return [];
    const texts = Array.isArray(options) ? options.map((option) => (isMapping(option) ? String(option['label'] ?? '') : String(option))) : [];
    return [{ index, type: String(element['type']), label, options: texts }];
  });
}

/** A question the policy does not know that is close to the heading it lost: most likely the same one, renamed. */
function closestQuestion(heading: string, questions: Question[], known: Set<string>): Question | undefined {
  const unknown = questions.filter((question) => question.type !== 'checkboxes' && !known.has(normalizeHeading(question.label)));
  const wanted = normalizeHeading(heading);
  let best: { question: Question; distance: number } | undefined;
  for (const question of unknown) {
    const label = normalizeHeading(question.label);
    const distance = editDistance(wanted, label);
    // Reworded rather than replaced: at most half of the longer heading changed.
    if (distance <= Math.max(wanted.length, label.length) / 2 && (!best || distance < best.distance)) best = { question, distance };
  }
  return best?.question;
}

/** A dropdown must offer exactly the answers the policy accepts: one it lacks cannot be given, one it adds is always refused. */
function optionDrift(question: Question, oneOf: string[] | undefined, category: string, at: (path: PropertyKey[]) => Omit<PolicyProblem, 'message'>): PolicyProblem[] {
  if (!oneOf || question.type !== 'dropdown') return [];
  const missing = oneOf.filter((answer) => !question.options.some((option) => sameAnswer(option, answer)));
  const extra = question.options.filter((option) => !oneOf.some((answer) => sameAnswer(option, answer)));
  if (missing.length === 0 && extra.length === 0) return [];
  const parts = [missing.length ? `lacks ${missing.map((answer) => `${describeValue(answer)}`).join(', ')}` : '', extra.length ? `offers ${extra.map((option) => `${describeValue(option)}`).join(', ')} the policy refuses` : '']
    .filter(Boolean)
    .join(' and ');
  return [{ ...at(['body', question.index, 'attributes', 'options']), message: `${describeValue(question.label)} ${parts}; the business case for ${category} accepts ${oneOf.map((answer) => `${describeValue(answer)}`).join(', ')} (${REGENERATE})` }];
}
