import { graphql } from '#lib/graphql/generated/index.ts';

// API clients (gateways, sensors, monitoring) for managers: list, create (the token comes
// back this once), revoke.

export const ApiClientFields = graphql(`
  fragment ApiClientRow on ApiClient {
    id
    name
    tokenPrefix
    scopes
    createdAt
    lastUsedAt
    revoked
    revokedAt
    createdBy {
      id
      name
    }
    # A client limited to more than a few halls is rare; 20 keeps a page of 25 cheap.
    buildings(first: 20) {
      id
      name
    }
  }
`);

export const ApiClientsDocument = graphql(`
  query ApiClients($after: String) {
    apiClients(first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ApiClientRow
      }
    }
  }
`);

export const CreateApiClientDocument = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      apiClient {
        ...ApiClientRow
      }
      token
    }
  }
`);

export const RevokeApiClientDocument = graphql(`
  mutation RevokeApiClient($id: ID!) {
    revokeApiClient(id: $id) {
      ...ApiClientRow
    }
  }
`);
