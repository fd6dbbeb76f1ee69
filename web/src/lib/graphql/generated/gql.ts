/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiClientRow on ApiClient {\n    id\n    name\n    tokenPrefix\n    scopes\n    createdAt\n    lastUsedAt\n    revoked\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n    # A client limited to more than a few halls is rare; 20 keeps a page of 25 cheap.\n    buildings(first: 20) {\n      id\n      name\n    }\n  }\n": typeof types.ApiClientRowFragmentDoc,
    "\n  query ApiClients($after: String) {\n    apiClients(first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ApiClientRow\n      }\n    }\n  }\n": typeof types.ApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      apiClient {\n        ...ApiClientRow\n      }\n      token\n    }\n  }\n": typeof types.CreateApiClientDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      ...ApiClientRow\n    }\n  }\n": typeof types.RevokeApiClientDocument,
    "\n  query AdminBuildings {\n    buildings(first: 100) {\n      id\n      name\n      createdAt\n    }\n  }\n": typeof types.AdminBuildingsDocument,
    "\n  mutation CreateBuilding($input: CreateBuildingInput!) {\n    createBuilding(input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n": typeof types.CreateBuildingDocument,
    "\n  mutation RenameBuilding($id: ID!, $input: UpdateBuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n": typeof types.RenameBuildingDocument,
    "\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.DisplayLinkRowFragmentDoc,
    "\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.DisplayLinksDocument,
    "\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n": typeof types.CreateDisplayLinkDocument,
    "\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n": typeof types.RevokeDisplayLinkDocument,
    "\n  fragment AdminMachineRow on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    archived\n    archivedAt\n    building {\n      id\n      name\n    }\n  }\n": typeof types.AdminMachineRowFragmentDoc,
    "\n  fragment AdminMachineTechnicians on Machine {\n    technicians(first: 50) {\n      id\n      name\n    }\n  }\n": typeof types.AdminMachineTechniciansFragmentDoc,
    "\n  query AdminMachines($filter: MachineFilter!, $after: String) {\n    machines(first: 50, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMachineRow\n        # A few names for the list; the machine's page has them all.\n        technicians(first: 5) {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AdminMachinesDocument,
    "\n  query AdminMachine($id: ID!) {\n    machine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n      createdAt\n      unresolvedFaultCases(first: 20) {\n        id\n        severity\n        status\n        openedAt\n      }\n    }\n    buildings(first: 100) {\n      id\n      name\n    }\n    users(first: 100, filter: { roles: [TECHNICIAN], active: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.AdminMachineDocument,
    "\n  mutation CreateMachine($input: CreateMachineInput!) {\n    createMachine(input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": typeof types.CreateMachineDocument,
    "\n  mutation UpdateMachine($id: ID!, $input: UpdateMachineInput!) {\n    updateMachine(id: $id, input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": typeof types.UpdateMachineDocument,
    "\n  mutation AssignTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": typeof types.AssignTechniciansDocument,
    "\n  mutation ArchiveMachine($id: ID!) {\n    archiveMachine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": typeof types.ArchiveMachineDocument,
    "\n  query AdminOverview {\n    machines(first: 1) {\n      totalCount\n    }\n    archived: machines(first: 1, filter: { includeArchived: true }) {\n      totalCount\n    }\n    buildings(first: 100) {\n      id\n    }\n    activeUsers: users(first: 1, filter: { active: true }) {\n      totalCount\n    }\n    inactiveUsers: users(first: 1, filter: { active: false }) {\n      totalCount\n    }\n    apiClients(first: 1, filter: { includeRevoked: false }) {\n      totalCount\n    }\n    displayLinks {\n      id\n      revokedAt\n    }\n  }\n": typeof types.AdminOverviewDocument,
    "\n  fragment AdminUserRow on User {\n    id\n    name\n    email\n    role\n    active\n    createdAt\n  }\n": typeof types.AdminUserRowFragmentDoc,
    "\n  query AdminUsers($filter: UserFilter!, $after: String) {\n    users(first: 100, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminUserRow\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  query UserMachines($userId: ID!) {\n    machines(first: 100, filter: { assignedTechnicianId: $userId, includeArchived: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n": typeof types.UserMachinesDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUserRow\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation ChangeRole($id: ID!, $role: Role!) {\n    updateUser(id: $id, input: { role: $role }) {\n      ...AdminUserRow\n    }\n  }\n": typeof types.ChangeRoleDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      user {\n        ...AdminUserRow\n      }\n      endedSessions\n      unassignedMachines {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      ...AdminUserRow\n    }\n  }\n": typeof types.ReactivateUserDocument,
    "\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.BoardMachineFragmentDoc,
    "\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": typeof types.BoardMachinesDocument,
    "\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": typeof types.BoardEventsDocument,
    "\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": typeof types.BoardWarningRepeatsDocument,
    "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CurrentDisplayDocument,
    "\n  query DisplayMachines($after: String, $buildingIds: [ID!]) {\n    machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.DisplayMachinesDocument,
    "\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": typeof types.DisplayEventsDocument,
    "\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": typeof types.DisplayWarningRepeatsDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  fragment ApiClientRow on ApiClient {\n    id\n    name\n    tokenPrefix\n    scopes\n    createdAt\n    lastUsedAt\n    revoked\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n    # A client limited to more than a few halls is rare; 20 keeps a page of 25 cheap.\n    buildings(first: 20) {\n      id\n      name\n    }\n  }\n": types.ApiClientRowFragmentDoc,
    "\n  query ApiClients($after: String) {\n    apiClients(first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ApiClientRow\n      }\n    }\n  }\n": types.ApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      apiClient {\n        ...ApiClientRow\n      }\n      token\n    }\n  }\n": types.CreateApiClientDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      ...ApiClientRow\n    }\n  }\n": types.RevokeApiClientDocument,
    "\n  query AdminBuildings {\n    buildings(first: 100) {\n      id\n      name\n      createdAt\n    }\n  }\n": types.AdminBuildingsDocument,
    "\n  mutation CreateBuilding($input: CreateBuildingInput!) {\n    createBuilding(input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n": types.CreateBuildingDocument,
    "\n  mutation RenameBuilding($id: ID!, $input: UpdateBuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n": types.RenameBuildingDocument,
    "\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n": types.DisplayLinkRowFragmentDoc,
    "\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n": types.DisplayLinksDocument,
    "\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n": types.CreateDisplayLinkDocument,
    "\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n": types.RevokeDisplayLinkDocument,
    "\n  fragment AdminMachineRow on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    archived\n    archivedAt\n    building {\n      id\n      name\n    }\n  }\n": types.AdminMachineRowFragmentDoc,
    "\n  fragment AdminMachineTechnicians on Machine {\n    technicians(first: 50) {\n      id\n      name\n    }\n  }\n": types.AdminMachineTechniciansFragmentDoc,
    "\n  query AdminMachines($filter: MachineFilter!, $after: String) {\n    machines(first: 50, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMachineRow\n        # A few names for the list; the machine's page has them all.\n        technicians(first: 5) {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AdminMachinesDocument,
    "\n  query AdminMachine($id: ID!) {\n    machine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n      createdAt\n      unresolvedFaultCases(first: 20) {\n        id\n        severity\n        status\n        openedAt\n      }\n    }\n    buildings(first: 100) {\n      id\n      name\n    }\n    users(first: 100, filter: { roles: [TECHNICIAN], active: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.AdminMachineDocument,
    "\n  mutation CreateMachine($input: CreateMachineInput!) {\n    createMachine(input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": types.CreateMachineDocument,
    "\n  mutation UpdateMachine($id: ID!, $input: UpdateMachineInput!) {\n    updateMachine(id: $id, input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": types.UpdateMachineDocument,
    "\n  mutation AssignTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": types.AssignTechniciansDocument,
    "\n  mutation ArchiveMachine($id: ID!) {\n    archiveMachine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n": types.ArchiveMachineDocument,
    "\n  query AdminOverview {\n    machines(first: 1) {\n      totalCount\n    }\n    archived: machines(first: 1, filter: { includeArchived: true }) {\n      totalCount\n    }\n    buildings(first: 100) {\n      id\n    }\n    activeUsers: users(first: 1, filter: { active: true }) {\n      totalCount\n    }\n    inactiveUsers: users(first: 1, filter: { active: false }) {\n      totalCount\n    }\n    apiClients(first: 1, filter: { includeRevoked: false }) {\n      totalCount\n    }\n    displayLinks {\n      id\n      revokedAt\n    }\n  }\n": types.AdminOverviewDocument,
    "\n  fragment AdminUserRow on User {\n    id\n    name\n    email\n    role\n    active\n    createdAt\n  }\n": types.AdminUserRowFragmentDoc,
    "\n  query AdminUsers($filter: UserFilter!, $after: String) {\n    users(first: 100, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminUserRow\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  query UserMachines($userId: ID!) {\n    machines(first: 100, filter: { assignedTechnicianId: $userId, includeArchived: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n": types.UserMachinesDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUserRow\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation ChangeRole($id: ID!, $role: Role!) {\n    updateUser(id: $id, input: { role: $role }) {\n      ...AdminUserRow\n    }\n  }\n": types.ChangeRoleDocument,
    "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      user {\n        ...AdminUserRow\n      }\n      endedSessions\n      unassignedMachines {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      ...AdminUserRow\n    }\n  }\n": types.ReactivateUserDocument,
    "\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.BoardMachineFragmentDoc,
    "\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": types.BoardMachinesDocument,
    "\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": types.BoardEventsDocument,
    "\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": types.BoardWarningRepeatsDocument,
    "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n": types.CurrentDisplayDocument,
    "\n  query DisplayMachines($after: String, $buildingIds: [ID!]) {\n    machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.DisplayMachinesDocument,
    "\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": types.DisplayEventsDocument,
    "\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": types.DisplayWarningRepeatsDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n": types.SessionUserFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiClientRow on ApiClient {\n    id\n    name\n    tokenPrefix\n    scopes\n    createdAt\n    lastUsedAt\n    revoked\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n    # A client limited to more than a few halls is rare; 20 keeps a page of 25 cheap.\n    buildings(first: 20) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ApiClientRow on ApiClient {\n    id\n    name\n    tokenPrefix\n    scopes\n    createdAt\n    lastUsedAt\n    revoked\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n    # A client limited to more than a few halls is rare; 20 keeps a page of 25 cheap.\n    buildings(first: 20) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiClients($after: String) {\n    apiClients(first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ApiClientRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiClients($after: String) {\n    apiClients(first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ApiClientRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      apiClient {\n        ...ApiClientRow\n      }\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      apiClient {\n        ...ApiClientRow\n      }\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      ...ApiClientRow\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      ...ApiClientRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBuildings {\n    buildings(first: 100) {\n      id\n      name\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query AdminBuildings {\n    buildings(first: 100) {\n      id\n      name\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBuilding($input: CreateBuildingInput!) {\n    createBuilding(input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBuilding($input: CreateBuildingInput!) {\n    createBuilding(input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameBuilding($id: ID!, $input: UpdateBuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation RenameBuilding($id: ID!, $input: UpdateBuildingInput!) {\n    updateBuilding(id: $id, input: $input) {\n      id\n      name\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminMachineRow on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    archived\n    archivedAt\n    building {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AdminMachineRow on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    archived\n    archivedAt\n    building {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminMachineTechnicians on Machine {\n    technicians(first: 50) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AdminMachineTechnicians on Machine {\n    technicians(first: 50) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMachines($filter: MachineFilter!, $after: String) {\n    machines(first: 50, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMachineRow\n        # A few names for the list; the machine's page has them all.\n        technicians(first: 5) {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMachines($filter: MachineFilter!, $after: String) {\n    machines(first: 50, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminMachineRow\n        # A few names for the list; the machine's page has them all.\n        technicians(first: 5) {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMachine($id: ID!) {\n    machine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n      createdAt\n      unresolvedFaultCases(first: 20) {\n        id\n        severity\n        status\n        openedAt\n      }\n    }\n    buildings(first: 100) {\n      id\n      name\n    }\n    users(first: 100, filter: { roles: [TECHNICIAN], active: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMachine($id: ID!) {\n    machine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n      createdAt\n      unresolvedFaultCases(first: 20) {\n        id\n        severity\n        status\n        openedAt\n      }\n    }\n    buildings(first: 100) {\n      id\n      name\n    }\n    users(first: 100, filter: { roles: [TECHNICIAN], active: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMachine($input: CreateMachineInput!) {\n    createMachine(input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMachine($input: CreateMachineInput!) {\n    createMachine(input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMachine($id: ID!, $input: UpdateMachineInput!) {\n    updateMachine(id: $id, input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMachine($id: ID!, $input: UpdateMachineInput!) {\n    updateMachine(id: $id, input: $input) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"): (typeof documents)["\n  mutation AssignTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveMachine($id: ID!) {\n    archiveMachine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveMachine($id: ID!) {\n    archiveMachine(id: $id) {\n      ...AdminMachineRow\n      ...AdminMachineTechnicians\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOverview {\n    machines(first: 1) {\n      totalCount\n    }\n    archived: machines(first: 1, filter: { includeArchived: true }) {\n      totalCount\n    }\n    buildings(first: 100) {\n      id\n    }\n    activeUsers: users(first: 1, filter: { active: true }) {\n      totalCount\n    }\n    inactiveUsers: users(first: 1, filter: { active: false }) {\n      totalCount\n    }\n    apiClients(first: 1, filter: { includeRevoked: false }) {\n      totalCount\n    }\n    displayLinks {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query AdminOverview {\n    machines(first: 1) {\n      totalCount\n    }\n    archived: machines(first: 1, filter: { includeArchived: true }) {\n      totalCount\n    }\n    buildings(first: 100) {\n      id\n    }\n    activeUsers: users(first: 1, filter: { active: true }) {\n      totalCount\n    }\n    inactiveUsers: users(first: 1, filter: { active: false }) {\n      totalCount\n    }\n    apiClients(first: 1, filter: { includeRevoked: false }) {\n      totalCount\n    }\n    displayLinks {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserRow on User {\n    id\n    name\n    email\n    role\n    active\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AdminUserRow on User {\n    id\n    name\n    email\n    role\n    active\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($filter: UserFilter!, $after: String) {\n    users(first: 100, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminUserRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($filter: UserFilter!, $after: String) {\n    users(first: 100, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminUserRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserMachines($userId: ID!) {\n    machines(first: 100, filter: { assignedTechnicianId: $userId, includeArchived: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserMachines($userId: ID!) {\n    machines(first: 100, filter: { assignedTechnicianId: $userId, includeArchived: true }) {\n      totalCount\n      nodes {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUserRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...AdminUserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeRole($id: ID!, $role: Role!) {\n    updateUser(id: $id, input: { role: $role }) {\n      ...AdminUserRow\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeRole($id: ID!, $role: Role!) {\n    updateUser(id: $id, input: { role: $role }) {\n      ...AdminUserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      user {\n        ...AdminUserRow\n      }\n      endedSessions\n      unassignedMachines {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($id: ID!) {\n    deactivateUser(id: $id) {\n      user {\n        ...AdminUserRow\n      }\n      endedSessions\n      unassignedMachines {\n        id\n        name\n        assetCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      ...AdminUserRow\n    }\n  }\n"): (typeof documents)["\n  mutation ReactivateUser($id: ID!) {\n    reactivateUser(id: $id) {\n      ...AdminUserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DisplayMachines($after: String, $buildingIds: [ID!]) {\n    machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query DisplayMachines($after: String, $buildingIds: [ID!]) {\n    machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;