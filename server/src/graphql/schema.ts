import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker, authDirective } from './auth.js';
import { RESOLVERS } from './resolvers.js';

let cached: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in the process; build it once. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    directives: [authDirective],
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
  return cached;
}

/**
 * SDL with the `@auth` directives kept (graphql's own printer drops them), sorted so the
 * committed `schema.graphql` changes only when the API does.
 */
export async function printSchemaSdl(): Promise<string> {
  const schema = await getSchema();
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
