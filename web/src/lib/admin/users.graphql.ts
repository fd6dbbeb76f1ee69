import { graphql } from '#lib/graphql/generated/index.ts';

// People for managers: list, create, change role, deactivate (with what it did), reactivate.

export const AdminUserFields = graphql(`
  fragment AdminUserRow on User {
    id
    name
    email
    role
    active
    createdAt
  }
`);

export const AdminUsersDocument = graphql(`
  query AdminUsers($filter: UserFilter!, $after: String) {
    users(first: 100, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AdminUserRow
      }
    }
  }
`);

/** The machines a technician is assigned to: what a role change or deactivation takes away. */
export const UserMachinesDocument = graphql(`
  query UserMachines($userId: ID!) {
    machines(first: 100, filter: { assignedTechnicianId: $userId, includeArchived: true }) {
      totalCount
      nodes {
        id
        name
        assetCode
      }
    }
  }
`);

export const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...AdminUserRow
    }
  }
`);

export const ChangeRoleDocument = graphql(`
  mutation ChangeRole($id: ID!, $role: Role!) {
    updateUser(id: $id, input: { role: $role }) {
      ...AdminUserRow
    }
  }
`);

export const DeactivateUserDocument = graphql(`
  mutation DeactivateUser($id: ID!) {
    deactivateUser(id: $id) {
      user {
        ...AdminUserRow
      }
      endedSessions
      unassignedMachines {
        id
        name
        assetCode
      }
    }
  }
`);

export const ReactivateUserDocument = graphql(`
  mutation ReactivateUser($id: ID!) {
    reactivateUser(id: $id) {
      ...AdminUserRow
    }
  }
`);
