import { schemaRef } from '../schemas.js';
import { BODY_ERRORS, err } from './docs.js';
import { requireText, type Json } from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RestRequest, RestResult, RouteSpec } from './route.js';

/** Sign-in for people: `POST /api/login/` and its alias `POST /auth/token/` (spec §4.4). */

async function login(req: RestRequest): Promise<RestResult> {
  const email = requireText(req.body, 'email', 'username');
  const password = requireText(req.body, 'password');
  const emailName = req.body.email != null ? 'email' : 'username';
  const { data } = await req.call.run<{
    login: {
      accessToken: string;
      accessTokenExpiresAt: string;
      refreshToken: string | null;
      refreshTokenExpiresAt: string;
      user: Json;
    };
  }>(Q.login, { email, password }, { email: emailName });
  const s = data.login;
  return {
    status: 200,
    body: {
      token: s.accessToken,
      expiresAt: s.accessTokenExpiresAt,
      refreshToken: s.refreshToken,
      refreshTokenExpiresAt: s.refreshTokenExpiresAt,
      user: s.user,
    },
  };
}

const loginDoc = {
  tag: 'auth',
  public: true,
  requestBody: { required: true, schema: schemaRef('LoginRequest'), form: true },
  responses: {
    200: { description: 'Signed in', schema: schemaRef('Session') },
    ...BODY_ERRORS,
    415: err('Neither application/json nor application/x-www-form-urlencoded'),
    401: err('Wrong e-mail or password, or inactive account'),
    429: err('Too many failed sign-ins or requests; see Retry-After'),
  },
  handle: login,
} as const;

export const AUTH_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/login/',
    operationId: 'login',
    summary: 'Sign in with e-mail (or username) and password',
    ...loginDoc,
  },
  {
    method: 'post',
    path: '/auth/token/',
    operationId: 'authToken',
    summary: 'Sign in (alias of POST /api/login/)',
    ...loginDoc,
  },
];
