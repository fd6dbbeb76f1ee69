/** Talking to a server process over HTTP as a client would (tests of deployment and faults). */

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
}

export async function graphqlOver<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlAnswer<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphqlAnswer<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Signs in and returns the access token (the refresh token goes in the body, unused). */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const answer = await graphqlOver<{ login: { accessToken: string } }>(
    url,
    `mutation ($email: String!, $password: String!) {
      login(email: $email, password: $password, deliverRefreshToken: BODY) { accessToken }
    }`,
    { email, password },
  );
  const token = answer.data?.login.accessToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(answer.errors)}`);
  return token;
}

export const PROCESS_MANAGER = {
  INITIAL_MANAGER_EMAIL: 'boss@ops.test',
  INITIAL_MANAGER_PASSWORD: 'a long enough operations password',
};

export const signInManager = (url: string) =>
  signIn(url, PROCESS_MANAGER.INITIAL_MANAGER_EMAIL, PROCESS_MANAGER.INITIAL_MANAGER_PASSWORD);
