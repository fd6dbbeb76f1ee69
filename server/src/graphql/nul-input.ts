import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type ValueNode,
} from 'graphql';

/**
 * PostgreSQL `text` cannot hold U+0000: a string carrying one fails in the driver
 * (`08P01 invalid message format`) and would surface as a 500 from whichever resolver
 * stored or searched it first. So every input is checked once, here at the GraphQL edge,
 * before any resolver runs: the literals of the document (arguments, input objects, lists,
 * variable defaults) and every string in the variables, object keys included. The check
 * does not look at types: a NUL has no business in any input, and a type-blind walk covers
 * a new argument or input field without anyone remembering it.
 *
 * HTTP (and the REST adapter, which runs operations through Apollo) gets it from
 * `nulInputPlugin`; the WebSocket from `withoutNulInputs`. Both answer `BAD_USER_INPUT`
 * with `details.field`: the path from the argument (literal) or variable name, e.g.
 * `input.name` or `ids[2]`.
 */

const NUL = '\u0000';

interface NulHit {
  field: string;
  node?: ASTNode;
}

/** Per parsed document: Apollo and the socket validator both reuse the parsed object. */
const literalHits = new WeakMap<DocumentNode, NulHit | null>();

/** The first input of the operation that holds a NUL, as a client-facing error; or undefined. */
export function findNulInput(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | undefined {
  let literal = literalHits.get(document);
  if (literal === undefined) {
    literal = nulInLiterals(document) ?? null;
    literalHits.set(document, literal);
  }
  const hit =
    literal ?? (variables && containsNul(variables) ? nulInVariables(variables) : undefined);
  return hit ? nulError(hit) : undefined;
}

/**
 * For the socket: the validator's verdict, or this check's error when the document passed.
 * Use as `withoutNulInputs(validator.check(query), variables)`.
 */
export function withoutNulInputs(
  checked: DocumentNode | readonly GraphQLError[],
  variables: Readonly<Record<string, unknown>> | null | undefined,
): DocumentNode | readonly GraphQLError[] {
  if (!('kind' in checked)) return checked;
  const error = findNulInput(checked, variables);
  return error ? [error] : checked;
}

/**
 * For Apollo: rejects the request after the operation is resolved, before variables are
 * coerced and anything executes. A 400, like any other bad variable.
 */
export function nulInputPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  // Stateless, so one listener serves every request.
  const listener: GraphQLRequestListener<TContext> = {
    async didResolveOperation({ document, request }) {
      const error = findNulInput(document, request.variables);
      if (error) {
        throw new GraphQLError(error.message, {
          nodes: error.nodes,
          extensions: { ...error.extensions, http: { status: 400 } },
        });
      }
    },
  };
  return { requestDidStart: async () => listener };
}

function nulError(hit: NulHit): GraphQLError {
  return new GraphQLError(`${hit.field} must not contain the NUL character (\\u0000)`, {
    nodes: hit.node,
    extensions: { code: 'BAD_USER_INPUT', details: { field: hit.field, reason: 'NUL_CHARACTER' } },
  });
}

function nulInLiterals(document: DocumentNode): NulHit | undefined {
  let found: NulHit | undefined;
  visit(document, {
    // A value's own nodes are walked by nulInValue, which knows the path; hence `false`.
    Argument(node) {
      found = nulInValue(node.value, node.name.value);
      return found ? BREAK : false;
    },
    VariableDefinition(node) {
      found = node.defaultValue && nulInValue(node.defaultValue, node.variable.name.value);
      return found ? BREAK : false;
    },
  });
  return found;
}

/** Literal values are as deep as the parser's token limit allows; recursion is fine here. */
function nulInValue(node: ValueNode, path: string): NulHit | undefined {
  switch (node.kind) {
    case Kind.STRING:
      return node.value.includes(NUL) ? { field: path, node } : undefined;
    case Kind.LIST:
      for (const [i, item] of node.values.entries()) {
        const hit = nulInValue(item, `${path}[${i}]`);
        if (hit) return hit;
      }
      return undefined;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const hit = nulInValue(field.value, `${path}.${field.name.value}`);
        if (hit) return hit;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The hot path: every request's variables, with no allocation but the stack. Variables are
 * JSON of any depth (the body limit allows 100,000 levels), so no recursion.
 */
function containsNul(variables: object): boolean {
  const stack: unknown[] = [variables];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes(NUL)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (key.includes(NUL)) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

interface Pending {
  value: unknown;
  key: string | number;
  parent?: Pending;
}

/** Only once a NUL is known to be there: the same walk, keeping each value's path. */
function nulInVariables(variables: Readonly<Record<string, unknown>>): NulHit | undefined {
  const stack: Pending[] = [];
  const pushEntries = (object: object, parent?: Pending): NulHit | undefined => {
    for (const [key, value] of Object.entries(object)) {
      const entry: Pending = { value, key, parent };
      if (key.includes(NUL)) return { field: pathOf(entry) };
      stack.push(entry);
    }
    return undefined;
  };
  let hit = pushEntries(variables);
  while (!hit) {
    const entry = stack.pop();
    if (!entry) return undefined;
    const { value } = entry;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return { field: pathOf(entry) };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], key: i, parent: entry });
    } else if (value !== null && typeof value === 'object') {
      hit = pushEntries(value, entry);
    }
  }
  return hit;
}

function pathOf(entry: Pending): string {
  const parts: string[] = [];
  for (let e: Pending | undefined = entry; e; e = e.parent) {
    parts.push(
      typeof e.key === 'number'
        ? `[${e.key}]`
        : `${e.parent ? '.' : ''}${e.key.replaceAll(NUL, '\\u0000')}`,
    );
  }
  return parts.reverse().join('');
}
