import { graphql } from '#lib/graphql/generated/index.ts';

export const SessionUserFields = graphql(`
  fragment SessionUser on User {
    id
    name
    email
    role
  }
`);

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {
      accessToken
      accessTokenExpiresAt
      user {
        ...SessionUser
      }
    }
  }
`);

export const RefreshSessionDocument = graphql(`
  mutation RefreshSession {
    refreshSession(deliverRefreshToken: COOKIE) {
      accessToken
      accessTokenExpiresAt
      user {
        ...SessionUser
      }
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);
