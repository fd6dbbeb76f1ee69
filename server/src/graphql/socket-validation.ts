import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { armorConfig, DOCUMENT_LIMITS } from './protection.js';

const CACHE_LIMIT = 500;

/**
 * graphql-ws does not run Apollo's validation rules: this applies the same limits and the
 * same introspection and suggestion policy to documents sent over the socket. Parsed and
 * validated documents are cached by their text, since thousands of wall screens send the
 * same few subscriptions.
 */
export class SocketDocumentValidator {
  private readonly rules: ValidationRule[];
  private readonly cache = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly production: boolean,
  ) {
    const armor = armorConfig(production);
    this.rules = [
      ...specifiedRules,
      maxDepthRule(armor.maxDepth),
      maxAliasesRule(armor.maxAliases),
      maxDirectivesRule(armor.maxDirectives),
      costLimitRule(armor.costLimit),
      ...(production ? [NoSchemaIntrospectionCustomRule] : []),
    ];
  }

  /** The document, or the errors that reject it (nothing is executed then). */
  check(query: string): DocumentNode | readonly GraphQLError[] {
    const cached = this.cache.get(query);
    if (cached) return cached;
    let result: DocumentNode | readonly GraphQLError[] = [];
    let document: DocumentNode | undefined;
    try {
      document = parse(query, { maxTokens: DOCUMENT_LIMITS.maxTokens });
    } catch (error) {
      result = [this.rejection(error, 'GRAPHQL_PARSE_FAILED')];
    }
    if (document) {
      try {
        const errors = validate(this.schema, document, this.rules);
        result = errors.length > 0 ? errors.map((e) => this.rejection(e)) : document;
      } catch (error) {
        // Some limit rules throw instead of reporting.
        result = [this.rejection(error)];
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(query, result);
    return result;
  }

  /** A client-facing rejection with its code, without "Did you mean" in production. */
  private rejection(error: unknown, code = 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
    const raw = error instanceof GraphQLError ? error.message : 'Invalid document';
    const message = this.production ? raw.replace(/\s*Did you mean[^?]*\?/g, '') : raw;
    return new GraphQLError(message, {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      extensions: { code },
    });
  }
}
