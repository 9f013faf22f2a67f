/**
 * How GitHub Actions schedules runs that share a `concurrency` group, so a
 * test can tell which events of a burst actually run. GitHub's documentation
 * ("Control the concurrency of workflows and jobs", wording settled in
 * github/docs#30647): when a run is queued while another of its group is in
 * progress, it is pending, and "any pending job or workflow in the
 * concurrency group will be canceled. This means that there can be at most
 * one running and one pending job in a concurrency group at any time."
 * `cancel-in-progress: false` only spares the running one. (Since May 2026,
 * `queue: max` lets up to 100 wait instead, per GitHub's changelog
 * "GitHub Actions concurrency groups now allow larger queues"; a group
 * without it, like the shipped workflow's, still keeps one.)
 *
 * The group is evaluated from the workflow's own `concurrency.group`
 * expression with a small evaluator for the subset of GitHub's expression
 * syntax it uses: property paths, strings, `!`, `==`, `!=`, `&&`, `||`,
 * parentheses, `contains()` and `format()`.
 */
import type { WorkflowEvent } from './run-action.js';

type Value = string | number | boolean | null | undefined | Record<string, unknown>;

/** The group an event's run joins, from a `concurrency.group` template like `roadmap-guard-${{ … }}`. */
export function concurrencyGroup(template: string, event: WorkflowEvent, runId: number): string {
  const context = { github: { event_name: event.name, event: event.payload, run_id: runId } };
  return template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => String(evaluate(expression, context) ?? ''));
}

const TOKEN = /\s*(?:('(?:[^']|'')*')|(&&|\|\||==|!=|!|\(|\)|,)|([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)|(\d+))/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.trimEnd().length) {
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`cannot read the expression at ${TOKEN.lastIndex}: ${expression}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

function evaluate(expression: string, context: Record<string, unknown>): Value {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected}, got ${token}`);
    return token!;
  };
  const truthy = (value: Value) => value !== false && value !== 0 && value !== '' && value !== null && value !== undefined;
  /** A left-associative chain of `operator`, each step combining the value so far with the next operand. */
  const chain = (operator: string, operand: () => Value, combine: (left: Value, right: Value) => Value) => (): Value => {
    let left = operand();
    while (peek() === operator) {
      take();
      left = combine(left, operand());
    }
    return left;
  };
  const and = (): Value => chain('&&', equality, (left, right) => (truthy(left) ? right : left))();
  const or = chain('||', and, (left, right) => (truthy(left) ? left : right));
  const equality = (): Value => {
    let left = unary();
    while (peek() === '==' || peek() === '!=') {
      const operator = take();
      const right = unary();
      const same = String(left).toLowerCase() === String(right).toLowerCase();
      left = operator === '==' ? same : !same;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const value = or();
      take(')');
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(token)) return Number(token);
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      return call(token, args);
    }
    return token.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], context) as Value;
  };
  return or();
}

function call(name: string, args: Value[]): Value {
  if (name === 'contains') return String(args[0] ?? '').toLowerCase().includes(String(args[1] ?? '').toLowerCase());
  if (name === 'format') return String(args[0]).replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index) + 1] ?? ''));
  throw new Error(`the test's expression evaluator has no ${name}()`);
}

/**
 * A burst of events that all arrive while the first of each group is
 * running: which of them run (the first of each group, at once, and then the
 * one left pending in each group), and which GitHub cancels.
 */
export function scheduleBurst(template: string, events: WorkflowEvent[]): { waves: WorkflowEvent[][]; cancelled: WorkflowEvent[] } {
  const running = new Map<string, WorkflowEvent>();
  const pending = new Map<string, WorkflowEvent>();
  const cancelled: WorkflowEvent[] = [];
  events.forEach((event, index) => {
    const group = concurrencyGroup(template, event, 1000 + index);
    if (!running.has(group)) running.set(group, event);
    else {
      const replaced = pending.get(group);
      if (replaced) cancelled.push(replaced);
      pending.set(group, event);
    }
  });
  const waves = [[...running.values()], [...pending.values()]].filter((wave) => wave.length > 0);
  return { waves, cancelled };
}
