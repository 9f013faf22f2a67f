/**
 * What GitHub charges a GraphQL call, worked out the way its docs say
 * (docs.github.com, "Rate limits and query limits for the GraphQL API",
 * "Calculating a rate limit score before running the call" and "Node limit"):
 * add up the requests needed to fulfil each connection, assuming every one
 * reaches its `first` or `last` limit (a connection under a connection of 50
 * needs 50 requests), divide by 100, round, and charge at least 1 point. The
 * node count is the most nodes the call can return: each connection's size
 * times the sizes of the connections above it.
 *
 * Fields a directive leaves out (`@include(if: false)`, `@skip(if: true)`) are
 * not fetched and not counted. A mutation costs the minimum: the docs give no
 * formula for it, and `rateLimit` cannot be asked in one to see.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  Kind,
} from 'graphql';

export interface QueryCost {
  /** Points charged: RateLimit.cost. */
  cost: number;
  /** RateLimit.nodeCount. */
  nodeCount: number;
}

type Variables = Record<string, unknown>;

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  requests: number;
  nodes: number;
}

export function queryCost(document: DocumentNode, variables: Variables = {}, operationName?: string): QueryCost {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || definition.name?.value === operationName),
  );
  if (!operation || operation.operation !== 'query') return { cost: 1, nodeCount: 0 };
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const walk: Walk = { fragments, variables: withDefaults(operation, variables), requests: 0, nodes: 0 };
  visit(operation.selectionSet, 1, walk);
  return { cost: Math.max(1, Math.round(walk.requests / 100)), nodeCount: walk.nodes };
}

/** `fanOut`: how many parent objects this selection is fetched for (the product of the connection sizes above it). */
function visit(selectionSet: SelectionSetNode | undefined, fanOut: number, walk: Walk): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (!isIncluded(selection.directives ?? [], walk.variables)) continue;
    if (selection.kind === Kind.FIELD) visitField(selection, fanOut, walk);
    else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, fanOut, walk);
    else visit(walk.fragments.get(selection.name.value)?.selectionSet, fanOut, walk);
  }
}

function visitField(field: FieldNode, fanOut: number, walk: Walk): void {
  const size = connectionSize(field, walk.variables);
  if (size === undefined) return visit(field.selectionSet, fanOut, walk);
  walk.requests += fanOut;
  walk.nodes += fanOut * size;
  visit(field.selectionSet, fanOut * size, walk);
}

/** A connection's page size: its `first` or `last` argument; undefined for a field that is not paged. */
function connectionSize(field: FieldNode, variables: Variables): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  const value = argument ? valueOf(argument.value, variables) : undefined;
  return typeof value === 'number' ? value : undefined;
}

function isIncluded(directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[], variables: Variables): boolean {
  return directives.every((directive) => {
    const condition = directive.arguments?.find((a) => a.name.value === 'if');
    if (!condition) return true;
    const value = valueOf(condition.value, variables);
    if (directive.name.value === 'include') return value === true;
    if (directive.name.value === 'skip') return value !== true;
    return true;
  });
}

function valueOf(value: ValueNode, variables: Variables): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

function withDefaults(operation: OperationDefinitionNode, variables: Variables): Variables {
  const defaults = (operation.variableDefinitions ?? []).flatMap((definition) =>
    definition.defaultValue ? [[definition.variable.name.value, valueOf(definition.defaultValue, {})] as const] : [],
  );
  return { ...Object.fromEntries(defaults), ...variables };
}
