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
    "\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.DisplayLinkRowFragmentDoc,
    "\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.DisplayLinksDocument,
    "\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n": typeof types.CreateDisplayLinkDocument,
    "\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n": typeof types.RevokeDisplayLinkDocument,
    "\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.BoardMachineFragmentDoc,
    "\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": typeof types.BoardMachinesDocument,
    "\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": typeof types.BoardEventsDocument,
    "\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": typeof types.BoardWarningRepeatsDocument,
    "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n": typeof types.CaseMachineFragmentDoc,
    "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n": typeof types.CaseActorFragmentDoc,
    "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n": typeof types.CaseDetailFragmentDoc,
    "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n": typeof types.CaseNoteFragmentDoc,
    "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n    }\n  }\n": typeof types.CasePageDocument,
    "\n  fragment CaseHistoryEvent on MachineEvent {\n    id\n    type\n    at\n    data\n    actor {\n      ...CaseActor\n    }\n  }\n": typeof types.CaseHistoryEventFragmentDoc,
    "\n  query CaseHistory($id: ID!, $after: String) {\n    machineEvents(\n      first: 100\n      after: $after\n      filter: {\n        faultCaseId: $id\n        types: [\n          FAULT_OPENED\n          FAULT_ASSIGNED\n          FAULT_ACKNOWLEDGED\n          FAULT_STARTED\n          FAULT_UPDATED\n          FAULT_RESOLVED\n          FAULT_REOPENED\n        ]\n      }\n    ) {\n      nodes {\n        ...CaseHistoryEvent\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CaseHistoryDocument,
    "\n  subscription CaseEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      type\n      faultCase {\n        id\n      }\n      machine {\n        ...CaseMachine\n      }\n    }\n  }\n": typeof types.CaseEventsDocument,
    "\n  query RepairWorkers {\n    users(first: 100, filter: { roles: [REPAIR], active: true }) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RepairWorkersDocument,
    "\n  mutation UpdateFaultCase($id: ID!, $input: UpdateFaultCaseInput!) {\n    updateFaultCase(id: $id, input: $input) {\n      ...CaseDetail\n    }\n  }\n": typeof types.UpdateFaultCaseDocument,
    "\n  mutation AssignFaultCase($id: ID!, $assigneeId: ID!, $expectedVersion: Int!) {\n    assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": typeof types.AssignFaultCaseDocument,
    "\n  mutation AcknowledgeFaultCase($id: ID!, $expectedVersion: Int!) {\n    acknowledgeFaultCase(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": typeof types.AcknowledgeFaultCaseDocument,
    "\n  mutation StartRepair($id: ID!, $expectedVersion: Int!) {\n    startRepair(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": typeof types.StartRepairDocument,
    "\n  mutation ResolveFaultCase($id: ID!, $resolutionNote: String!, $expectedVersion: Int!) {\n    resolveFaultCase(id: $id, resolutionNote: $resolutionNote, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": typeof types.ResolveFaultCaseDocument,
    "\n  mutation ReopenFaultCase($id: ID!, $reason: String!, $expectedVersion: Int!) {\n    reopenFaultCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": typeof types.ReopenFaultCaseDocument,
    "\n  mutation AddFaultNote($faultCaseId: ID!, $body: String!) {\n    addFaultNote(faultCaseId: $faultCaseId, body: $body) {\n      ...CaseNote\n    }\n  }\n": typeof types.AddFaultNoteDocument,
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
    "\n  fragment DisplayLinkRow on DisplayLink {\n    id\n    name\n    tokenPrefix\n    chime\n    createdAt\n    lastUsedAt\n    revokedAt\n    buildings {\n      id\n      name\n    }\n  }\n": types.DisplayLinkRowFragmentDoc,
    "\n  query DisplayLinks {\n    displayLinks {\n      ...DisplayLinkRow\n    }\n    buildings {\n      id\n      name\n    }\n  }\n": types.DisplayLinksDocument,
    "\n  mutation CreateDisplayLink($input: CreateDisplayLinkInput!) {\n    createDisplayLink(input: $input) {\n      displayLink {\n        ...DisplayLinkRow\n      }\n      token\n    }\n  }\n": types.CreateDisplayLinkDocument,
    "\n  mutation RevokeDisplayLink($id: ID!) {\n    revokeDisplayLink(id: $id) {\n      ...DisplayLinkRow\n    }\n  }\n": types.RevokeDisplayLinkDocument,
    "\n  fragment BoardMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 5) {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      code\n      message\n      repeatCount\n      lastSeenAt\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.BoardMachineFragmentDoc,
    "\n  query BoardMachines($after: String) {\n    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {\n      lastEventId\n      nodes {\n        ...BoardMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": types.BoardMachinesDocument,
    "\n  subscription BoardEvents($since: ID) {\n    machineEvents(since: $since) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": types.BoardEventsDocument,
    "\n  subscription BoardWarningRepeats {\n    warningRepeated {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": types.BoardWarningRepeatsDocument,
    "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n": types.CaseMachineFragmentDoc,
    "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n": types.CaseActorFragmentDoc,
    "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n": types.CaseDetailFragmentDoc,
    "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n": types.CaseNoteFragmentDoc,
    "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n    }\n  }\n": types.CasePageDocument,
    "\n  fragment CaseHistoryEvent on MachineEvent {\n    id\n    type\n    at\n    data\n    actor {\n      ...CaseActor\n    }\n  }\n": types.CaseHistoryEventFragmentDoc,
    "\n  query CaseHistory($id: ID!, $after: String) {\n    machineEvents(\n      first: 100\n      after: $after\n      filter: {\n        faultCaseId: $id\n        types: [\n          FAULT_OPENED\n          FAULT_ASSIGNED\n          FAULT_ACKNOWLEDGED\n          FAULT_STARTED\n          FAULT_UPDATED\n          FAULT_RESOLVED\n          FAULT_REOPENED\n        ]\n      }\n    ) {\n      nodes {\n        ...CaseHistoryEvent\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CaseHistoryDocument,
    "\n  subscription CaseEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      type\n      faultCase {\n        id\n      }\n      machine {\n        ...CaseMachine\n      }\n    }\n  }\n": types.CaseEventsDocument,
    "\n  query RepairWorkers {\n    users(first: 100, filter: { roles: [REPAIR], active: true }) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.RepairWorkersDocument,
    "\n  mutation UpdateFaultCase($id: ID!, $input: UpdateFaultCaseInput!) {\n    updateFaultCase(id: $id, input: $input) {\n      ...CaseDetail\n    }\n  }\n": types.UpdateFaultCaseDocument,
    "\n  mutation AssignFaultCase($id: ID!, $assigneeId: ID!, $expectedVersion: Int!) {\n    assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": types.AssignFaultCaseDocument,
    "\n  mutation AcknowledgeFaultCase($id: ID!, $expectedVersion: Int!) {\n    acknowledgeFaultCase(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": types.AcknowledgeFaultCaseDocument,
    "\n  mutation StartRepair($id: ID!, $expectedVersion: Int!) {\n    startRepair(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": types.StartRepairDocument,
    "\n  mutation ResolveFaultCase($id: ID!, $resolutionNote: String!, $expectedVersion: Int!) {\n    resolveFaultCase(id: $id, resolutionNote: $resolutionNote, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": types.ResolveFaultCaseDocument,
    "\n  mutation ReopenFaultCase($id: ID!, $reason: String!, $expectedVersion: Int!) {\n    reopenFaultCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n": types.ReopenFaultCaseDocument,
    "\n  mutation AddFaultNote($faultCaseId: ID!, $body: String!) {\n    addFaultNote(faultCaseId: $faultCaseId, body: $body) {\n      ...CaseNote\n    }\n  }\n": types.AddFaultNoteDocument,
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
export function graphql(source: "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n"): (typeof documents)["\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n"): (typeof documents)["\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n"): (typeof documents)["\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n"): (typeof documents)["\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n    }\n  }\n"): (typeof documents)["\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseHistoryEvent on MachineEvent {\n    id\n    type\n    at\n    data\n    actor {\n      ...CaseActor\n    }\n  }\n"): (typeof documents)["\n  fragment CaseHistoryEvent on MachineEvent {\n    id\n    type\n    at\n    data\n    actor {\n      ...CaseActor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseHistory($id: ID!, $after: String) {\n    machineEvents(\n      first: 100\n      after: $after\n      filter: {\n        faultCaseId: $id\n        types: [\n          FAULT_OPENED\n          FAULT_ASSIGNED\n          FAULT_ACKNOWLEDGED\n          FAULT_STARTED\n          FAULT_UPDATED\n          FAULT_RESOLVED\n          FAULT_REOPENED\n        ]\n      }\n    ) {\n      nodes {\n        ...CaseHistoryEvent\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseHistory($id: ID!, $after: String) {\n    machineEvents(\n      first: 100\n      after: $after\n      filter: {\n        faultCaseId: $id\n        types: [\n          FAULT_OPENED\n          FAULT_ASSIGNED\n          FAULT_ACKNOWLEDGED\n          FAULT_STARTED\n          FAULT_UPDATED\n          FAULT_RESOLVED\n          FAULT_REOPENED\n        ]\n      }\n    ) {\n      nodes {\n        ...CaseHistoryEvent\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      type\n      faultCase {\n        id\n      }\n      machine {\n        ...CaseMachine\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CaseEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      type\n      faultCase {\n        id\n      }\n      machine {\n        ...CaseMachine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepairWorkers {\n    users(first: 100, filter: { roles: [REPAIR], active: true }) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepairWorkers {\n    users(first: 100, filter: { roles: [REPAIR], active: true }) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFaultCase($id: ID!, $input: UpdateFaultCaseInput!) {\n    updateFaultCase(id: $id, input: $input) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFaultCase($id: ID!, $input: UpdateFaultCaseInput!) {\n    updateFaultCase(id: $id, input: $input) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignFaultCase($id: ID!, $assigneeId: ID!, $expectedVersion: Int!) {\n    assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation AssignFaultCase($id: ID!, $assigneeId: ID!, $expectedVersion: Int!) {\n    assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeFaultCase($id: ID!, $expectedVersion: Int!) {\n    acknowledgeFaultCase(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeFaultCase($id: ID!, $expectedVersion: Int!) {\n    acknowledgeFaultCase(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartRepair($id: ID!, $expectedVersion: Int!) {\n    startRepair(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation StartRepair($id: ID!, $expectedVersion: Int!) {\n    startRepair(id: $id, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveFaultCase($id: ID!, $resolutionNote: String!, $expectedVersion: Int!) {\n    resolveFaultCase(id: $id, resolutionNote: $resolutionNote, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveFaultCase($id: ID!, $resolutionNote: String!, $expectedVersion: Int!) {\n    resolveFaultCase(id: $id, resolutionNote: $resolutionNote, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenFaultCase($id: ID!, $reason: String!, $expectedVersion: Int!) {\n    reopenFaultCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenFaultCase($id: ID!, $reason: String!, $expectedVersion: Int!) {\n    reopenFaultCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {\n      ...CaseDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddFaultNote($faultCaseId: ID!, $body: String!) {\n    addFaultNote(faultCaseId: $faultCaseId, body: $body) {\n      ...CaseNote\n    }\n  }\n"): (typeof documents)["\n  mutation AddFaultNote($faultCaseId: ID!, $body: String!) {\n    addFaultNote(faultCaseId: $faultCaseId, body: $body) {\n      ...CaseNote\n    }\n  }\n"];
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