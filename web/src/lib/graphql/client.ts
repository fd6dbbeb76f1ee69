import { Client, fetchExchange, type CombinedError } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { session } from '#lib/session/session.svelte.ts';
import { fetchWithClock, GRAPHQL_PATH } from './http.ts';

function isAuthError(error: CombinedError): boolean {
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * The one GraphQL client for queries and mutations over HTTP. No document cache: the board
 * keeps its own live state, and every screen reads fresh data. Subscriptions go through
 * `live.ts`, which knows how to survive token expiry and reconnects.
 */
export const client = new Client({
  url: GRAPHQL_PATH,
  // urql 6 sends short queries as GET; the API's CSRF prevention refuses those.
  preferGetMethod: false,
  fetch: fetchWithClock,
  fetchOptions: { credentials: 'same-origin' },
  requestPolicy: 'network-only',
  exchanges: [
    authExchange(async (utils) => ({
      addAuthToOperation(operation) {
        const token = session.currentToken;
        return token
          ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` })
          : operation;
      },
      willAuthError: () => session.state === 'signed-in' && session.tokenExpiring,
      didAuthError: isAuthError,
      async refreshAuth() {
        await session.refresh();
      },
    })),
    fetchExchange,
  ],
});
