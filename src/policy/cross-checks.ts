/**
 * Checks that need the whole policy, not one key: parts that each look right
 * but contradict one another, or name something that is not there. Each
 * problem is placed at the key to change and says how to write it instead.
 *
 * The data may be partly invalid (other keys are reported at the same time),
 * so every value is read as unknown.
 *
 * Within v1 a policy valid under 1.0 stays valid: only the category names of
 * `applies-to` were checked then, and stay errors. The checks 1.0 did not have
 * are warnings (`policyWarnings`): the policy runs as 1.0 read it.
 */
import { matchesGlob } from '../core/glob.js';
import { describeValue, excerpt } from './describe-value.js';
import { closest } from './did-you-mean.js';
import { isMapping, valueAt } from './merge.js';

const at = (value: unknown, ...path: string[]): unknown => valueAt(value, path);

/** A problem found across the policy: where it is, and what to do. */
// A type, not an interface: zod's refinement context takes it as one of its own issues.
export type PolicyIssue = {
  code: 'custom';
  path: (string | number)[];
  message: string;
};

/** Where the checks put what they find: zod's refinement context, or a plain list of warnings. */
interface Context {
  addIssue(issue: PolicyIssue): void;
}

type Data = Record<string, unknown>;

/** The errors: what 1.0 refused as well. */
export function wholePolicyChecks(policy: Data, ctx: Context): void {
  checkCategoryNames(policy, Object.keys(categoriesOf(policy)), ctx);
}

/**
 * The warnings on a valid policy: contradictions that 1.0 accepted. `policy`
 * is the validated data, `written` the data as written (a share's `1` is gone once read).
 */
export function policyWarnings(policy: Data, written: unknown): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const ctx: Context = { addIssue: (issue) => issues.push(issue) };
  const categories = categoriesOf(policy);
  const names = Object.keys(categories);
  names.forEach((name, index) => {
    checkCategory(name, categories[name], policy, ctx);
    checkShadowed(name, categories[name], names.slice(0, index).map((earlier) => [earlier, categories[earlier]] as const), policy, ctx);
  });
  checkForbiddenLabels(policy, categories, ctx);
  return [...bareOneShares(written), ...issues];
}

/** The shares written as a bare `1`: 1.0 read them as 100%, and so do all of v1. */
export function bareOneShares(written: unknown): PolicyIssue[] {
  const categories = categoriesOf(written);
  return Object.keys(categories).flatMap((name) =>
    SHARE_KEYS.flatMap(([section, key]) => {
      const value = at(categories[name], section, key);
      return isBareOne(value) ? [{ code: 'custom' as const, path: ['categories', name, section, key], message: bareOneMessage(value as string | number) }] : [];
    }),
  );
}

const SHARE_KEYS = [
  ['budget', 'max-share'],
  ['budget', 'min-share'],
  ['per-customer', 'max-share'],
  ['per-customer', 'max-share-of-category'],
  ['per-customer', 'max-share-of-planned-work'],
] as const;

/** `1` (or `1.0`) reads as 1% to some people and as 100% to others: the file should say which. */
export function isBareOne(value: unknown): boolean {
  return (typeof value === 'number' || typeof value === 'string') && /^1(\.0*)?$/.test(String(value).trim());
}

function bareOneMessage(value: string | number): string {
  return `${describeValue(value)} could mean 1% or 100%, and is read as 100%; write 100% to keep that, or 1% for one percent (a fraction must be below 1, like 0.05)`;
}

function categoriesOf(policy: unknown): Data {
  const categories = at(policy, 'categories');
  return isMapping(categories) ? categories : {};
}

/** `applies-to` names categories: an unknown one gets the nearest name, since `Deal` and `deal` differ. */
function checkCategoryNames(policy: Data, names: string[], ctx: Context): void {
  const lists: { path: (string | number)[]; value: unknown }[] = [
    { path: ['business-case', 'applies-to'], value: at(policy, 'business-case', 'applies-to') },
    { path: ['bets', 'applies-to'], value: at(policy, 'bets', 'applies-to') },
  ];
  const fields = at(policy, 'business-case', 'fields');
  if (Array.isArray(fields)) fields.forEach((field, index) => lists.push({ path: ['business-case', 'fields', index, 'applies-to'], value: at(field, 'applies-to') }));
  for (const { path, value } of lists) {
    if (!Array.isArray(value)) continue;
    value.forEach((name, index) => {
      if (typeof name !== 'string' || names.includes(name.trim())) return;
      ctx.addIssue({ code: 'custom', path: [...path, index], message: unknownCategoryMessage(name, names) });
    });
  }
}

function unknownCategoryMessage(name: string, names: string[]): string {
  const nearest = closest(name.trim(), names);
  const hint = nearest ? `; did you mean \`${nearest}\`?` : '';
  const known = names.length ? ` (categories: ${names.join(', ')})` : '; define it under categories';
  return `no category named ${describeValue(name)}${hint}${known}`;
}

/** A category nothing can match, and a per-customer cap with no way to name a customer, never apply: say so rather than pass silently. */
function checkCategory(name: string, category: unknown, policy: Data, ctx: Context): void {
  if (!isMapping(category)) return;
  const match = category['match'];
  if (isMapping(match) && isEmpty(match['labels']) && isEmpty(match['fields'])) {
    const budget = isMapping(category['budget']) || isMapping(category['per-customer']) ? ', so its budget never applies' : '';
    ctx.addIssue({
      code: 'custom',
      path: ['categories', name, 'match'],
      message: `no item can ever be in category "${excerpt(name)}": match names no label and no field${budget}; add labels or fields, like \`match: { labels: [${excerpt(name)}] }\``,
    });
  }
  const customer = policy['customer'];
  const namesCustomers = isMapping(customer) && (!isEmpty(customer['labels']) || typeof customer['field'] === 'string');
  const caps = category['per-customer'];
  // Only a cap that was read can be said never to apply; a wrong one has its own message.
  if (isMapping(caps) && Object.values(caps).some(isShare) && !namesCustomers) {
    ctx.addIssue({
      code: 'custom',
      path: ['categories', name, 'per-customer'],
      message: 'no item names a customer, so this cap never applies; say how customers are named with customer.labels (like "customer:*") or customer.field',
    });
  }
}

/**
 * A category whose every label is caught first by an earlier category (the
 * first match wins), or left out of planned work by work.exclude-labels, and
 * that no field puts items in, can never hold planned work.
 */
function checkShadowed(name: string, category: unknown, earlier: (readonly [string, unknown])[], policy: Data, ctx: Context): void {
  const labels = at(category, 'match', 'labels');
  const fields = at(category, 'match', 'fields');
  if (!Array.isArray(labels) || labels.length === 0 || !isEmpty(fields) || !labels.every((label) => typeof label === 'string')) return;
  const caughtBy = (globs: unknown, label: string) => Array.isArray(globs) && globs.some((glob) => typeof glob === 'string' && (glob === label || (!/[*?]/.test(label) && matchesGlob(glob, label))));
  const excluded = at(policy, 'work', 'exclude-labels');
  const owners = labels.map((label: string) => (caughtBy(excluded, label) ? 'work.exclude-labels' : earlier.find(([, rule]) => caughtBy(at(rule, 'match', 'labels'), label))?.[0]));
  if (owners.some((owner) => owner === undefined)) return;
  const where = [...new Set(owners)].map((owner) => (owner === 'work.exclude-labels' ? 'work.exclude-labels leaves it out of planned work' : `category "${excerpt(owner!)}" comes first and takes it`));
  ctx.addIssue({
    code: 'custom',
    path: ['categories', name, 'match', 'labels'],
    message: `no item can ever be in category "${excerpt(name)}": for each of its labels, ${where.join(', or ')}; give it a label of its own, or move it above the category that takes its items`,
  });
}

function isShare(value: unknown): boolean {
  return isMapping(value) && typeof value['numerator'] === 'number';
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'string') return value.trim() === '';
  return isMapping(value) && Object.keys(value).length === 0;
}

/**
 * A forbidden glob must not catch the labels the policy itself relies on: the
 * exemption label (granting an exception would be a violation), the labels
 * the bot puts on, or every label the policy names (`*`).
 */
function checkForbiddenLabels(policy: Data, categories: Data, ctx: Context): void {
  const forbidden = policy['forbidden-labels'];
  if (!Array.isArray(forbidden)) return;
  const exemption = at(policy, 'exemptions', 'label');
  const botLabels = Object.values(isMapping(at(policy, 'enforcement', 'labels')) ? (at(policy, 'enforcement', 'labels') as Data) : {}).filter(
    (label): label is string => typeof label === 'string',
  );
  const managed = [...new Set([...categoryLabels(categories), ...botLabels, ...(typeof exemption === 'string' ? [exemption] : [])])];
  forbidden.forEach((entry, index) => {
    const glob = typeof entry === 'string' ? entry : at(entry, 'name');
    if (typeof glob !== 'string' || glob.trim() === '') return;
    const message = forbiddenLabelProblem(glob.trim(), { exemption, botLabels, managed });
    if (message) ctx.addIssue({ code: 'custom', path: ['forbidden-labels', index], message });
  });
}

function forbiddenLabelProblem(glob: string, labels: { exemption: unknown; botLabels: string[]; managed: string[] }): string | undefined {
  const shown = excerpt(glob);
  if (typeof labels.exemption === 'string' && matchesGlob(glob, labels.exemption)) {
    return `"${shown}" forbids the exemption label "${excerpt(labels.exemption)}": granting an exception would itself be a violation; forbid only the labels of one-off work`;
  }
  const hit = labels.managed.filter((label) => matchesGlob(glob, label));
  if (labels.managed.length > 1 && hit.length === labels.managed.length) {
    return `"${shown}" forbids every label this policy uses (${hit.map((label) => excerpt(label)).join(', ')}), so every labelled item would be a violation; forbid only the labels of one-off work, like one-off or "custom-*"`;
  }
  const own = labels.botLabels.find((label) => matchesGlob(glob, label));
  if (own) return `"${shown}" forbids "${excerpt(own)}", a label Roadmap Guard puts on items itself; forbid only the labels of one-off work`;
  return undefined;
}

/** The plain label names (no wildcards) that put items in a category. */
function categoryLabels(categories: Data): string[] {
  return Object.values(categories).flatMap((category) => {
    const labels = at(category, 'match', 'labels');
    return Array.isArray(labels) ? labels.filter((label): label is string => typeof label === 'string' && !/[*?]/.test(label)) : [];
  });
}
