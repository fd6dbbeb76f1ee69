import { randomUUID } from 'node:crypto';
import { expectData, type TestServer } from './harness.js';

export interface RestResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface RestRequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed or oversized bodies). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A real HTTP call to the REST adapter, as a gateway would make it. */
export async function rest<T = Record<string, unknown>>(
  t: Pick<TestServer, 'url'>,
  method: string,
  path: string,
  options: RestRequestOptions = {},
): Promise<RestResponse<T>> {
  const hasBody = options.raw !== undefined || options.body !== undefined;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      ...(hasBody ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(hasBody ? { body: options.raw ?? JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { notJson: text };
  }
  return { status: res.status, body: body as T, headers: res.headers, text };
}

export async function createApiClient(
  t: TestServer,
  managerToken: string,
  scopes: ('MACHINES_READ' | 'WARNINGS_WRITE' | 'FAULTS_WRITE')[],
  buildingIds: string[] = [],
): Promise<{ id: string; token: string }> {
  const res = await t.gql<{ createApiClient: { token: string; apiClient: { id: string } } }>(
    'mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { token apiClient { id } } }',
    { input: { name: `gateway ${randomUUID().slice(0, 6)}`, scopes, buildingIds } },
    { token: managerToken },
  );
  const data = expectData(res).createApiClient;
  return { id: data.apiClient.id, token: data.token };
}

export async function revokeApiClient(
  t: TestServer,
  managerToken: string,
  id: string,
): Promise<void> {
  expectData(
    await t.gql(
      'mutation ($id: ID!) { revokeApiClient(id: $id) { id } }',
      { id },
      { token: managerToken },
    ),
  );
}

export type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, unknown> };
};
