import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { randomUUID } from 'node:crypto';

/**
 * Probes generated from the schema: one for every position where an operation takes text —
 * a String, ID or custom scalar argument, or such a field of an input object at any depth,
 * or an item of a list of them — on every field reachable from the root types. A new
 * argument or input field gets its probe without anyone writing it.
 */

type Segment = string | number;
export type RootKind = 'query' | 'mutation' | 'subscription';

export interface InputProbe {
  /** E.g. `Mutation.createMachine(input.location)`. */
  name: string;
  kind: RootKind;
  /** The position as the server must name it: from the argument (or variable) name. */
  field: string;
  /** The probed argument as variable `$<argument name>`, every other value a literal. */
  byVariable: { query: string; variables: Record<string, unknown> };
  /** Everything as literals in the document. */
  byLiteral: { query: string };
  /**
   * The position's scalar refuses the text as a literal by itself (a date, say): graphql's
   * validation rejects the document before the NUL check sees it, as for any malformed literal.
   */
  scalarRefusesLiteral: boolean;
}

/** Scalars that cannot carry text: a string there fails coercion anyway. */
const NON_TEXT_SCALARS = new Set(['Int', 'Float', 'Boolean']);

/** Every text position of the schema, holding `text` there and plausible values elsewhere. */
export function inputProbes(schema: GraphQLSchema, text: string): InputProbe[] {
  const probes: InputProbe[] = [];
  const roots: [RootKind, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  for (const [kind, root] of roots) {
    if (!root) continue;
    for (const chain of fieldChains(root)) {
      const target = chain.at(-1)!;
      for (const arg of target.args) {
        for (const position of textPositions(arg.type)) {
          probes.push(probe(kind, root.name, chain, arg, position, text));
        }
      }
    }
  }
  return probes;
}

/**
 * Paths from a root field to every field that takes arguments; each object type's fields are
 * reached once, through the first path found, so recursive types end.
 */
function fieldChains(root: GraphQLObjectType): GraphQLField<unknown, unknown>[][] {
  const chains: GraphQLField<unknown, unknown>[][] = [];
  const seen = new Set<string>();
  const queue: GraphQLField<unknown, unknown>[][] = Object.values(root.getFields()).map((f) => [f]);
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const field = chain.at(-1)!;
    if (field.args.length > 0) chains.push(chain);
    const type = getNamedType(field.type);
    if (!isObjectType(type) || seen.has(type.name)) continue;
    seen.add(type.name);
    for (const child of Object.values(type.getFields())) queue.push([...chain, child]);
  }
  return chains;
}

function textPositions(
  type: GraphQLInputType,
  inside: ReadonlySet<string> = new Set(),
): Segment[][] {
  if (isNonNullType(type)) return textPositions(type.ofType, inside);
  if (isListType(type)) return textPositions(type.ofType, inside).map((p) => [0, ...p]);
  if (isInputObjectType(type)) {
    if (inside.has(type.name)) return [];
    const deeper = new Set([...inside, type.name]);
    return Object.values(type.getFields()).flatMap((f) =>
      textPositions(f.type, deeper).map((p) => [f.name, ...p]),
    );
  }
  if (isEnumType(type) || NON_TEXT_SCALARS.has(type.name)) return [];
  return [[]];
}

function scalarAt(type: GraphQLInputType, position: Segment[]): GraphQLScalarType {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const [next, ...rest] = position.filter((s) => typeof s === 'string');
    return scalarAt(named.getFields()[next!]!.type, rest);
  }
  return named as GraphQLScalarType;
}

function refusesLiteral(scalar: GraphQLScalarType, text: string): boolean {
  try {
    scalar.parseLiteral({ kind: Kind.STRING, value: `probe${text}` });
    return false;
  } catch {
    return true;
  }
}

function probe(
  kind: RootKind,
  rootName: string,
  chain: GraphQLField<unknown, unknown>[],
  arg: GraphQLArgument,
  position: Segment[],
  text: string,
): InputProbe {
  const target = chain.at(-1)!;
  const probed = sample(arg.type, text, position);
  const field = [arg.name, ...position]
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
  const selection = (withVariable: boolean) =>
    chain.reduceRight((inner, f) => {
      const args = f.args
        .map((a): [string, string] | undefined => {
          if (f === target && a === arg)
            return [a.name, withVariable ? `$${a.name}` : literal(probed, a.type)];
          if (isNonNullType(a.type) && a.defaultValue === undefined)
            return [a.name, literal(sample(a.type, text), a.type)];
          return undefined;
        })
        .filter((a) => a !== undefined)
        .map(([name, value]) => `${name}: ${value}`);
      const sub = isCompositeType(getNamedType(f.type)) ? ` { ${inner} }` : '';
      return `${f.name}${args.length ? `(${args.join(', ')})` : ''}${sub}`;
    }, '__typename');
  return {
    name: `${rootName}.${chain.map((f) => f.name).join('.')}(${field})`,
    kind,
    field,
    byVariable: {
      query: `${kind} Probe($${arg.name}: ${String(arg.type)}) { ${selection(true)} }`,
      variables: { [arg.name]: probed },
    },
    byLiteral: { query: `${kind} { ${selection(false)} }` },
    scalarRefusesLiteral: refusesLiteral(scalarAt(arg.type, position), text),
  };
}

/** A plausible value of `type`; with `textAt`, `text` sits at that position. */
function sample(type: GraphQLInputType, text: string, textAt?: Segment[]): unknown {
  if (isNonNullType(type)) return sample(type.ofType, text, textAt);
  if (isListType(type)) return [sample(type.ofType, text, textAt?.slice(1))];
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (textAt?.[0] === f.name) value[f.name] = sample(f.type, text, textAt.slice(1));
      else if (isNonNullType(f.type) && f.defaultValue === undefined)
        value[f.name] = sample(f.type, text);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (textAt) return `probe${text}`;
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'ID':
      return randomUUID();
    case 'DateTimeISO':
      return new Date().toISOString();
    default:
      return 'probe';
  }
}

/** GraphQL literal of a sampled value (JSON's string escapes are GraphQL's, `\u0000` included). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type))
    return `[${(value as unknown[]).map((v) => literal(v, type.ofType)).join(', ')}]`;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>);
    return `{ ${entries.map(([k, v]) => `${k}: ${literal(v, fields[k]!.type)}`).join(', ')} }`;
  }
  if (isEnumType(type)) return String(value);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
