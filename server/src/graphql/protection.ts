import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import type { GraphQLFormattedError, ParseOptions } from 'graphql';

/**
 * Limits on every GraphQL document, HTTP and WebSocket alike, each set explicitly. A board
 * query with machines, building, assignees, warnings and open case needs depth 4 and cost
 * ~3,300 at 100 machines (protection.test.ts measures it); these leave room for the detail
 * pages and nothing more.
 */
export const DOCUMENT_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxTokens: 1000,
  maxDirectives: 20,
  maxCost: 5000,
} as const;

export function armorConfig(production: boolean): GraphQLArmorConfig {
  return {
    // flattenFragments: a fragment spread is not a level. Without it every spread counted
    // twice, and a client built from fragments (as the web app is) hit the limits at depth 4.
    maxDepth: {
      enabled: true,
      n: DOCUMENT_LIMITS.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      exposeLimits: true,
    },
    maxAliases: { enabled: true, n: DOCUMENT_LIMITS.maxAliases, exposeLimits: true },
    // Enforced by the parser instead (PARSE_OPTIONS): armor's check throws from a plugin hook,
    // which Apollo answers with HTTP 500 for what is the client's fault.
    maxTokens: { enabled: false },
    maxDirectives: { enabled: true, n: DOCUMENT_LIMITS.maxDirectives, exposeLimits: true },
    costLimit: {
      enabled: true,
      maxCost: DOCUMENT_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      // Cost = fields times page sizes; depth is bounded by maxDepth already, and a factor
      // per level put a 100-machine board (~7,900 at 1.5) over the limit.
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
      exposeLimits: true,
    },
    // Suggestions leak the schema; outside production they help developers.
    blockFieldSuggestion: { enabled: production },
  };
}

/** For graphql's parser (Apollo's `parseOptions`, the socket's `parse`): a 400, not a 500. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: DOCUMENT_LIMITS.maxTokens };

/**
 * Production only: removes "Did you mean ...?" from any error. Apollo hides suggestions in
 * validation errors, but not in variable coercion errors (a misspelled enum value sent as a
 * variable), which would otherwise still enumerate the schema.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!/did you mean/i.test(formatted.message)) return formatted;
  return { ...formatted, message: formatted.message.replace(/\s*Did you mean[^?]*\?/gi, '') };
}
