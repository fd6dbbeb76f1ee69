import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { authChecker, authDirective } from './auth.js';
import { RESOLVERS } from './resolvers.js';

/**
 * Every subscription brings its own `subscribe` (replay + live from the event sequencer);
 * type-graphql still insists on a PubSub, so it gets one that is never used.
 */
const UNUSED_PUBSUB: PubSub = {
  publish() {
    throw new Error('Subscriptions publish through the event bus, not type-graphql PubSub');
  },
  subscribe() {
    throw new Error('Subscriptions subscribe through the event sequencer, not type-graphql PubSub');
  },
};

let cached: Promise<GraphQLSchema> | undefined;

/** The schema is the same for every server in the process; build it once. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    directives: [authDirective],
    pubSub: UNUSED_PUBSUB,
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
