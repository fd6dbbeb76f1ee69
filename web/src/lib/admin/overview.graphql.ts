import { graphql } from '#lib/graphql/generated/index.ts';

/** The admin overview's counts, in one request. */
export const AdminOverviewDocument = graphql(`
  query AdminOverview {
    machines(first: 1) {
      totalCount
    }
    archived: machines(first: 1, filter: { includeArchived: true }) {
      totalCount
    }
    buildings(first: 100) {
      id
    }
    activeUsers: users(first: 1, filter: { active: true }) {
      totalCount
    }
    inactiveUsers: users(first: 1, filter: { active: false }) {
      totalCount
    }
    apiClients(first: 1, filter: { includeRevoked: false }) {
      totalCount
    }
    displayLinks {
      id
      revokedAt
    }
  }
`);
