import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';

/**
 * Limits on every GraphQL document, HTTP and WebSocket alike, each set explicitly. A board
 * query with machines, warnings, open case and assignees needs depth 5 and cost ~1,300
 * at 100 machines; these leave room for the detail pages and nothing more.
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
    maxDepth: { enabled: true, n: DOCUMENT_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { enabled: true, n: DOCUMENT_LIMITS.maxAliases, exposeLimits: true },
    maxTokens: { enabled: true, n: DOCUMENT_LIMITS.maxTokens, exposeLimits: true },
    maxDirectives: { enabled: true, n: DOCUMENT_LIMITS.maxDirectives, exposeLimits: true },
    costLimit: {
      enabled: true,
      maxCost: DOCUMENT_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      ignoreIntrospection: true,
      exposeLimits: true,
    },
    // Suggestions leak the schema; outside production they help developers.
    blockFieldSuggestion: { enabled: production },
  };
}
