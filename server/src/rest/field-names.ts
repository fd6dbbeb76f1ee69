import { RestError } from './errors.js';

/**
 * GraphQL argument and input-field names → the REST parameter or body field the client sent
 * (`first` → `limit`, `buildingName` → `location`). A name may come with the whole message to
 * use instead, where renaming alone would read oddly.
 */
export type FieldNames = Readonly<Record<string, string | { name: string; message: string }>>;

/** The names every list route shares. */
export const PAGE_NAMES: FieldNames = {
  first: 'limit',
  after: {
    name: 'cursor',
    message: 'cursor is not a cursor of this list; pass the nextCursor of the previous page',
  },
};

interface Named {
  name: string;
  message?: string;
}

/**
 * The error of a GraphQL operation the adapter ran, told in REST's words: fields named in
 * `details.field`, `details.fields` and detail keys, in a coercion message
 * (`Variable "$input" got invalid value … at "input.severity"`), and in the message itself.
 */
export function inRestTerms(error: RestError, names: FieldNames): RestError {
  const named = (graphqlName: string): Named => {
    const entry = names[graphqlName];
    return typeof entry === 'string' ? { name: entry } : (entry ?? { name: graphqlName });
  };
  const details = error.details;

  // Type errors in the variables, found by graphql-js before any resolver runs.
  if (!details && error.message.startsWith('Variable "$')) {
    const coercion = parseCoercion(error.message);
    if (coercion) {
      const field = named(coercion.field);
      const message =
        field.message ??
        (coercion.missing ? `${field.name} is required` : `${field.name} has an invalid value`);
      return new RestError(error.status, error.code, message, { field: field.name }, error.headers);
    }
  }
  if (!details) return error;

  const rewritten: Record<string, unknown> = {};
  const renamed = new Map<string, Named>();
  const rename = (graphqlName: string): string => {
    const field = named(graphqlName);
    renamed.set(graphqlName, field);
    return field.name;
  };
  for (const [key, value] of Object.entries(details)) {
    if (key === 'field' && typeof value === 'string') rewritten.field = rename(value);
    else if (key === 'fields' && Array.isArray(value)) rewritten.fields = value.map(renameEntry);
    else rewritten[key in names ? rename(key) : key] = value;
  }
  function renameEntry(entry: unknown): unknown {
    if (!entry || typeof entry !== 'object') return entry;
    const { field, problems, ...rest } = entry as { field?: unknown; problems?: unknown };
    if (typeof field !== 'string') return entry;
    return {
      ...rest,
      field: rename(field),
      ...(Array.isArray(problems)
        ? { problems: problems.map((p) => (typeof p === 'string' ? say(p, field) : p)) }
        : {}),
    };
  }
  function say(text: string, graphqlName: string): string {
    const field = renamed.get(graphqlName) ?? named(graphqlName);
    if (field.message) return field.message;
    return text.replace(new RegExp(`\\b${escapeRegExp(graphqlName)}\\b`, 'g'), field.name);
  }

  // A validation failure ("Invalid input" with a list of fields) says what is wrong.
  const fields = rewritten.fields as { field: string; problems?: unknown[] }[] | undefined;
  let message = error.message;
  if (Array.isArray(fields) && fields.length > 0) {
    rewritten.field ??= fields[0]!.field;
    const problems = fields.flatMap((f) => f.problems ?? []).filter((p) => typeof p === 'string');
    if (problems.length > 0) message = problems.join('; ');
  } else {
    for (const graphqlName of renamed.keys()) message = say(message, graphqlName);
  }
  return new RestError(error.status, error.code, message, rewritten, error.headers);
}

const COERCION = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; ([\s\S]*)$/;
const MISSING = /^Field "(\w+)" of required type "[^"]+" was not provided/;

/** The input field a graphql-js variable coercion message is about. */
function parseCoercion(message: string): { field: string; missing: boolean } | undefined {
  const match = COERCION.exec(message);
  if (!match) return undefined;
  const [, variable, path, reason] = match;
  const missing = MISSING.exec(reason ?? '');
  if (missing) return { field: missing[1]!, missing: true };
  const segments = (path ?? variable!).replace(/\[\d+\]/g, '').split('.');
  return { field: segments[segments.length - 1]!, missing: false };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
