import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
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
  cached ??= buildShopfloorSchema(RESOLVERS);
  return cached;
}

/** How every Shopfloor schema is built; tests build one with their own resolvers. */
export function buildShopfloorSchema(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>,
): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    // Giving `directives` replaces graphql's own: without the specified ones, every client's
    // `@include` / `@skip` is an "Unknown directive" (DESIGN.md §7).
    directives: [...specifiedDirectives, authDirective],
    pubSub: UNUSED_PUBSUB,
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
}

/**
 * SDL with the `@auth` directives kept (graphql's own printer drops them), sorted so the
 * committed `schema.graphql` changes only when the API does.
 */
export function printSdl(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}

export async function printSchemaSdl(): Promise<string> {
  return printSdl(await getSchema());
}
