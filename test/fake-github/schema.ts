/**
 * GitHub's GraphQL schema as the fake serves and validates it.
 *
 * `@octokit/graphql-schema` ships GitHub's schema twice: `schema.json` (an
 * introspection result) and `schema.graphql` (the SDL GitHub publishes, the
 * one docs.github.com's reference is built from). The SDL is the more
 * current of the two: it has arguments and enum values the introspection
 * lacks, such as `Issue.stateReason(enableDuplicate:)` and
 * `IssueStateReason.DUPLICATE`, which GitHub's docs describe ("To retrieve
 * this value, set `(enableDuplicate: true)` when querying the stateReason
 * field"). The fake starts from the introspection (it builds fast and is
 * valid as it stands) and adds those arguments and enum values from the SDL,
 * so a document is refused only when neither form of the schema has it.
 */
import {
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type GraphQLSchema,
  type IntrospectionEnumType,
  type IntrospectionInputValue,
  type IntrospectionObjectType,
  type IntrospectionQuery,
  type IntrospectionTypeRef,
  Kind,
  type ObjectTypeDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type TypeNode,
  buildClientSchema,
  parse,
  print,
} from 'graphql';
import { schema as githubSchema } from '@octokit/graphql-schema';

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's schema, built once per process. */
export function githubGraphqlSchema(): GraphQLSchema {
  cachedSchema ??= buildClientSchema(withSdlAdditions(githubSchema.json as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>, parse(githubSchema.idl)));
  return cachedSchema;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** The introspection with every argument and enum value the SDL adds to a field or enum it already has. */
function withSdlAdditions(json: { data?: IntrospectionQuery } & Partial<IntrospectionQuery>, sdl: DocumentNode): IntrospectionQuery {
  const introspection = structuredClone(json.data ?? (json as IntrospectionQuery));
  const types = new Map(introspection.__schema.types.map((type) => [type.name, type]));
  const kindOf = (name: string) => types.get(name)?.kind;
  for (const definition of sdl.definitions) {
    const known = 'name' in definition && definition.name ? types.get(definition.name.value) : undefined;
    if (!known) continue;
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && known.kind === 'ENUM') addEnumValues(known as Writable<IntrospectionEnumType>, definition);
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) && 'fields' in known) {
      addArguments(known as Writable<IntrospectionObjectType>, definition, kindOf);
    }
  }
  return introspection;
}

function addEnumValues(known: Writable<IntrospectionEnumType>, definition: EnumTypeDefinitionNode): void {
  const values = known.enumValues as Writable<IntrospectionEnumType>['enumValues'];
  for (const value of definition.values ?? []) {
    if (values.some((existing) => existing.name === value.name.value)) continue;
    values.push({ name: value.name.value, description: value.description?.value ?? null, isDeprecated: false, deprecationReason: null });
  }
}

function addArguments(
  known: Writable<IntrospectionObjectType>,
  definition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode,
  kindOf: (name: string) => string | undefined,
): void {
  for (const field of definition.fields ?? []) {
    const existing = known.fields.find((candidate) => candidate.name === field.name.value);
    if (!existing) continue;
    const args = existing.args as IntrospectionInputValue[];
    for (const argument of field.arguments ?? []) {
      const type = typeRef(argument.type, kindOf);
      if (!type || args.some((candidate) => candidate.name === argument.name.value)) continue;
      args.push({
        name: argument.name.value,
        description: argument.description?.value ?? null,
        type,
        defaultValue: argument.defaultValue ? print(argument.defaultValue) : null,
      } as IntrospectionInputValue);
    }
  }
}

/** An SDL type as an introspection type reference; undefined when it names a type the introspection lacks. */
function typeRef(node: TypeNode, kindOf: (name: string) => string | undefined): IntrospectionTypeRef | undefined {
  if (node.kind === Kind.NON_NULL_TYPE) {
    const inner = typeRef(node.type, kindOf);
    return inner && ({ kind: 'NON_NULL', ofType: inner } as IntrospectionTypeRef);
  }
  if (node.kind === Kind.LIST_TYPE) {
    const inner = typeRef(node.type, kindOf);
    return inner && ({ kind: 'LIST', ofType: inner } as IntrospectionTypeRef);
  }
  const kind = kindOf(node.name.value);
  return kind ? ({ kind, name: node.name.value } as IntrospectionTypeRef) : undefined;
}
