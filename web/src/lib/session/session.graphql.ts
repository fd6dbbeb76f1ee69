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

export const LogoutEverywhereDocument = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(
      currentPassword: $currentPassword
      newPassword: $newPassword
      deliverRefreshToken: COOKIE
    ) {
      accessToken
      accessTokenExpiresAt
      user {
        ...SessionUser
      }
    }
  }
`);
