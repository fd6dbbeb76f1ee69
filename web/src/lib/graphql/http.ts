import { stringifyDocument, type TypedDocumentNode } from '@urql/core';
import { clock } from '#lib/ui/clock.svelte.ts';

export const GRAPHQL_PATH = '/graphql';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

export class GraphqlRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

/**
 * fetch that also feeds the shared clock from the response's `Date` header; used by the urql
 * client and by the session's own requests.
 */
export async function fetchWithClock(input: RequestInfo | URL, init?: RequestInit) {
  const res = await fetch(input, init);
  const date = res.headers.get('date');
  if (date) clock.observeServerDate(Date.parse(date));
  return res;
}

/**
 * One GraphQL POST outside the urql client: sign-in, refresh and sign-out must not go through
 * the client whose auth they manage. Throws GraphqlRequestError with the server's code
 * (`NETWORK` when the server could not be reached).
 */
export async function postGraphql<TData, TVars extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
  token?: string,
): Promise<TData> {
  let res: Response;
  try {
    res = await fetchWithClock(GRAPHQL_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: stringifyDocument(document), variables }),
    });
  } catch (error) {
    throw new GraphqlRequestError('NETWORK', String(error));
  }
  let body: { data?: TData | null; errors?: GraphqlError[] };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new GraphqlRequestError(res.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE', res.statusText);
  }
  const first = body.errors?.[0];
  if (first || !body.data) {
    throw new GraphqlRequestError(
      first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      first?.message ?? '',
    );
  }
  return body.data;
}
