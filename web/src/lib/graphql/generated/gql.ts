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
    "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n": typeof types.CaseMachineFragmentDoc,
    "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n": typeof types.CaseActorFragmentDoc,
    "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    isRepeat\n    repeatOf {\n      id\n      openedAt\n      resolvedAt\n    }\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n": typeof types.CaseDetailFragmentDoc,
    "\n  fragment CasePhoto on FaultAttachment {\n    id\n    noteId\n    width\n    height\n    url\n    thumbnailUrl\n    createdAt\n    uploadedBy {\n      ...CaseActor\n    }\n  }\n": typeof types.CasePhotoFragmentDoc,
    "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n": typeof types.CaseNoteFragmentDoc,
    "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n      attachments(first: 100) {\n        ...CasePhoto\n      }\n    }\n  }\n": typeof types.CasePageDocument,
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
    "\n  fragment CaseListMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    building {\n      id\n      name\n    }\n  }\n": typeof types.CaseListMachineFragmentDoc,
    "\n  fragment CaseListBoard on FaultCase {\n    id\n    status\n    severity\n    openedAt\n    acknowledgedAt\n    startedAt\n    assignee {\n      id\n      name\n    }\n    machine {\n      ...CaseListMachine\n    }\n  }\n": typeof types.CaseListBoardFragmentDoc,
    "\n  fragment CaseListRow on FaultCase {\n    ...CaseListBoard\n    description\n    resolvedAt\n    isRepeat\n  }\n": typeof types.CaseListRowFragmentDoc,
    "\n  query CaseListPage($filter: FaultCaseFilter, $first: Int!, $after: String) {\n    faultCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseListRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.CaseListPageDocument,
    "\n  query CaseListRowById($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseListRow\n    }\n  }\n": typeof types.CaseListRowByIdDocument,
    "\n  query CaseListBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.CaseListBuildingsDocument,
    "\n  query CaseListAssignees {\n    users(first: 100, filter: { roles: [REPAIR] }) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n": typeof types.CaseListAssigneesDocument,
    "\n  subscription CaseListChanged {\n    faultCaseChanged {\n      ...CaseListBoard\n    }\n  }\n": typeof types.CaseListChangedDocument,
    "\n  fragment WorkMachine on Machine {\n    ...BoardMachine\n    team: technicians(first: 25) {\n      id\n    }\n    unresolvedFaultCases(first: 5) {\n      id\n      status\n      severity\n      openedAt\n      description\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.WorkMachineFragmentDoc,
    "\n  query MyMachines($after: String) {\n    machines(first: 20, after: $after, filter: { onlyAssignedToMe: true }) {\n      lastEventId\n      nodes {\n        ...WorkMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.MyMachinesDocument,
    "\n  subscription MyMachineEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      machine {\n        ...WorkMachine\n      }\n    }\n  }\n": typeof types.MyMachineEventsDocument,
    "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CurrentDisplayDocument,
    "\n  query DisplayBoard($buildingIds: [ID!]) {\n    wholeBoard(buildingIds: $buildingIds) {\n      lastEventId\n      machines {\n        ...BoardMachine\n      }\n    }\n  }\n": typeof types.DisplayBoardDocument,
    "\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": typeof types.DisplayEventsDocument,
    "\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": typeof types.DisplayWarningRepeatsDocument,
    "\n  fragment LabelMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    building {\n      id\n      name\n    }\n  }\n": typeof types.LabelMachineFragmentDoc,
    "\n  query LabelBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.LabelBuildingsDocument,
    "\n  query LabelMachines($buildingIds: [ID!], $ids: [ID!], $after: String) {\n    machines(\n      filter: { buildingIds: $buildingIds, ids: $ids, onlyAssignedToMe: false }\n      first: 100\n      after: $after\n    ) {\n      nodes {\n        ...LabelMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.LabelMachinesDocument,
    "\n  fragment MachineDetail on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 100) {\n      id\n      name\n    }\n    activeWarnings(first: 100) {\n      id\n      code\n      message\n      repeatCount\n      raisedAt\n      lastSeenAt\n      raisedBy {\n        kind\n        name\n      }\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MachineDetailFragmentDoc,
    "\n  fragment MachineEventRow on MachineEvent {\n    id\n    type\n    at\n    fromStatus\n    toStatus\n    data\n    actor {\n      kind\n      name\n    }\n    faultCase {\n      id\n    }\n  }\n": typeof types.MachineEventRowFragmentDoc,
    "\n  fragment FaultCaseRow on FaultCase {\n    id\n    severity\n    status\n    openedAt\n    resolvedAt\n    description\n    assignee {\n      id\n      name\n    }\n    reportedBy {\n      kind\n      name\n    }\n  }\n": typeof types.FaultCaseRowFragmentDoc,
    "\n  query MachinePage($assetCode: String!) {\n    machine(assetCode: $assetCode) {\n      ...MachineDetail\n      lastEventId\n    }\n  }\n": typeof types.MachinePageDocument,
    "\n  query MachineEvents($machineId: ID!, $types: [MachineEventType!], $first: Int!, $after: String) {\n    machineEvents(\n      filter: { machineIds: [$machineId], types: $types }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...MachineEventRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.MachineEventsDocument,
    "\n  subscription MachineLiveEvents($machineId: ID!, $since: ID) {\n    machineEvents(machineIds: [$machineId], since: $since) {\n      ...MachineEventRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": typeof types.MachineLiveEventsDocument,
    "\n  subscription MachineWarningRepeats($machineId: ID!) {\n    warningRepeated(machineIds: [$machineId]) {\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": typeof types.MachineWarningRepeatsDocument,
    "\n  query MachineFaultCases(\n    $machineId: ID!\n    $statuses: [FaultStatus!]!\n    $first: Int!\n    $after: String\n  ) {\n    faultCases(\n      filter: { machineIds: [$machineId], statuses: $statuses }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...FaultCaseRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": typeof types.MachineFaultCasesDocument,
    "\n  mutation ReportFault($input: OpenFaultCaseInput!) {\n    openFaultCase(input: $input) {\n      ...FaultCaseRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": typeof types.ReportFaultDocument,
    "\n  mutation RaiseMachineWarning($input: RaiseWarningInput!) {\n    raiseWarning(input: $input) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": typeof types.RaiseMachineWarningDocument,
    "\n  mutation ClearMachineWarning($id: ID!, $machineId: ID!) {\n    clearWarning(id: $id, machineId: $machineId) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": typeof types.ClearMachineWarningDocument,
    "\n  mutation AssignMachineTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...MachineDetail\n    }\n  }\n": typeof types.AssignMachineTechniciansDocument,
    "\n  query ActiveTechnicians($after: String) {\n    users(filter: { roles: [TECHNICIAN], active: true }, first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ActiveTechniciansDocument,
    "\n  fragment RepairLogRow on MachineEvent {\n    ...MachineEventRow\n    actor {\n      id\n      kind\n      name\n    }\n    machine {\n      id\n      name\n      assetCode\n      building {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RepairLogRowFragmentDoc,
    "\n  query RepairLogPage($filter: MachineEventFilter, $first: Int!, $after: String) {\n    machineEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...RepairLogRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.RepairLogPageDocument,
    "\n  query RepairLogPlaces($after: String) {\n    buildings {\n      id\n      name\n    }\n    machines(\n      first: 100\n      after: $after\n      filter: { includeArchived: true, onlyAssignedToMe: false }\n    ) {\n      nodes {\n        id\n        name\n        assetCode\n        building {\n          id\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.RepairLogPlacesDocument,
    "\n  query RepairLogPeople {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n": typeof types.RepairLogPeopleDocument,
    "\n  fragment ReliabilityFiguresRow on ReliabilityFigures {\n    faultCases\n    casesBySeverity {\n      low\n      medium\n      high\n      critical\n    }\n    repeatFailures\n    mttaSeconds\n    mttrSeconds\n    mtbfSeconds\n    downtimeSeconds\n    warningSeconds\n    observedSeconds\n    availability\n  }\n": typeof types.ReliabilityFiguresRowFragmentDoc,
    "\n  query ReliabilityReport(\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $buildingIds: [ID!]\n    $timeZone: String!\n  ) {\n    reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, timeZone: $timeZone) {\n      from\n      to\n      timeZone\n      repeatWindowSeconds\n      overall {\n        ...ReliabilityFiguresRow\n      }\n      buildings {\n        building {\n          id\n          name\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      machines {\n        machine {\n          id\n          name\n          assetCode\n          archived\n          building {\n            id\n            name\n          }\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      weeks {\n        weekStart\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n    }\n  }\n": typeof types.ReliabilityReportDocument,
    "\n  query ReportBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": typeof types.ReportBuildingsDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      deliverRefreshToken: COOKIE\n    ) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
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
    "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n": types.CaseMachineFragmentDoc,
    "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n": types.CaseActorFragmentDoc,
    "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    isRepeat\n    repeatOf {\n      id\n      openedAt\n      resolvedAt\n    }\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n": types.CaseDetailFragmentDoc,
    "\n  fragment CasePhoto on FaultAttachment {\n    id\n    noteId\n    width\n    height\n    url\n    thumbnailUrl\n    createdAt\n    uploadedBy {\n      ...CaseActor\n    }\n  }\n": types.CasePhotoFragmentDoc,
    "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n": types.CaseNoteFragmentDoc,
    "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n      attachments(first: 100) {\n        ...CasePhoto\n      }\n    }\n  }\n": types.CasePageDocument,
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
    "\n  fragment CaseListMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    building {\n      id\n      name\n    }\n  }\n": types.CaseListMachineFragmentDoc,
    "\n  fragment CaseListBoard on FaultCase {\n    id\n    status\n    severity\n    openedAt\n    acknowledgedAt\n    startedAt\n    assignee {\n      id\n      name\n    }\n    machine {\n      ...CaseListMachine\n    }\n  }\n": types.CaseListBoardFragmentDoc,
    "\n  fragment CaseListRow on FaultCase {\n    ...CaseListBoard\n    description\n    resolvedAt\n    isRepeat\n  }\n": types.CaseListRowFragmentDoc,
    "\n  query CaseListPage($filter: FaultCaseFilter, $first: Int!, $after: String) {\n    faultCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseListRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.CaseListPageDocument,
    "\n  query CaseListRowById($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseListRow\n    }\n  }\n": types.CaseListRowByIdDocument,
    "\n  query CaseListBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": types.CaseListBuildingsDocument,
    "\n  query CaseListAssignees {\n    users(first: 100, filter: { roles: [REPAIR] }) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n": types.CaseListAssigneesDocument,
    "\n  subscription CaseListChanged {\n    faultCaseChanged {\n      ...CaseListBoard\n    }\n  }\n": types.CaseListChangedDocument,
    "\n  fragment WorkMachine on Machine {\n    ...BoardMachine\n    team: technicians(first: 25) {\n      id\n    }\n    unresolvedFaultCases(first: 5) {\n      id\n      status\n      severity\n      openedAt\n      description\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.WorkMachineFragmentDoc,
    "\n  query MyMachines($after: String) {\n    machines(first: 20, after: $after, filter: { onlyAssignedToMe: true }) {\n      lastEventId\n      nodes {\n        ...WorkMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.MyMachinesDocument,
    "\n  subscription MyMachineEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      machine {\n        ...WorkMachine\n      }\n    }\n  }\n": types.MyMachineEventsDocument,
    "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n": types.CurrentDisplayDocument,
    "\n  query DisplayBoard($buildingIds: [ID!]) {\n    wholeBoard(buildingIds: $buildingIds) {\n      lastEventId\n      machines {\n        ...BoardMachine\n      }\n    }\n  }\n": types.DisplayBoardDocument,
    "\n  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {\n    machineEvents(since: $since, buildingIds: $buildingIds) {\n      id\n      type\n      at\n      machine {\n        ...BoardMachine\n      }\n    }\n  }\n": types.DisplayEventsDocument,
    "\n  subscription DisplayWarningRepeats($buildingIds: [ID!]) {\n    warningRepeated(buildingIds: $buildingIds) {\n      machineId\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": types.DisplayWarningRepeatsDocument,
    "\n  fragment LabelMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    building {\n      id\n      name\n    }\n  }\n": types.LabelMachineFragmentDoc,
    "\n  query LabelBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": types.LabelBuildingsDocument,
    "\n  query LabelMachines($buildingIds: [ID!], $ids: [ID!], $after: String) {\n    machines(\n      filter: { buildingIds: $buildingIds, ids: $ids, onlyAssignedToMe: false }\n      first: 100\n      after: $after\n    ) {\n      nodes {\n        ...LabelMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.LabelMachinesDocument,
    "\n  fragment MachineDetail on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 100) {\n      id\n      name\n    }\n    activeWarnings(first: 100) {\n      id\n      code\n      message\n      repeatCount\n      raisedAt\n      lastSeenAt\n      raisedBy {\n        kind\n        name\n      }\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.MachineDetailFragmentDoc,
    "\n  fragment MachineEventRow on MachineEvent {\n    id\n    type\n    at\n    fromStatus\n    toStatus\n    data\n    actor {\n      kind\n      name\n    }\n    faultCase {\n      id\n    }\n  }\n": types.MachineEventRowFragmentDoc,
    "\n  fragment FaultCaseRow on FaultCase {\n    id\n    severity\n    status\n    openedAt\n    resolvedAt\n    description\n    assignee {\n      id\n      name\n    }\n    reportedBy {\n      kind\n      name\n    }\n  }\n": types.FaultCaseRowFragmentDoc,
    "\n  query MachinePage($assetCode: String!) {\n    machine(assetCode: $assetCode) {\n      ...MachineDetail\n      lastEventId\n    }\n  }\n": types.MachinePageDocument,
    "\n  query MachineEvents($machineId: ID!, $types: [MachineEventType!], $first: Int!, $after: String) {\n    machineEvents(\n      filter: { machineIds: [$machineId], types: $types }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...MachineEventRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.MachineEventsDocument,
    "\n  subscription MachineLiveEvents($machineId: ID!, $since: ID) {\n    machineEvents(machineIds: [$machineId], since: $since) {\n      ...MachineEventRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": types.MachineLiveEventsDocument,
    "\n  subscription MachineWarningRepeats($machineId: ID!) {\n    warningRepeated(machineIds: [$machineId]) {\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n": types.MachineWarningRepeatsDocument,
    "\n  query MachineFaultCases(\n    $machineId: ID!\n    $statuses: [FaultStatus!]!\n    $first: Int!\n    $after: String\n  ) {\n    faultCases(\n      filter: { machineIds: [$machineId], statuses: $statuses }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...FaultCaseRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": types.MachineFaultCasesDocument,
    "\n  mutation ReportFault($input: OpenFaultCaseInput!) {\n    openFaultCase(input: $input) {\n      ...FaultCaseRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": types.ReportFaultDocument,
    "\n  mutation RaiseMachineWarning($input: RaiseWarningInput!) {\n    raiseWarning(input: $input) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": types.RaiseMachineWarningDocument,
    "\n  mutation ClearMachineWarning($id: ID!, $machineId: ID!) {\n    clearWarning(id: $id, machineId: $machineId) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n": types.ClearMachineWarningDocument,
    "\n  mutation AssignMachineTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...MachineDetail\n    }\n  }\n": types.AssignMachineTechniciansDocument,
    "\n  query ActiveTechnicians($after: String) {\n    users(filter: { roles: [TECHNICIAN], active: true }, first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.ActiveTechniciansDocument,
    "\n  fragment RepairLogRow on MachineEvent {\n    ...MachineEventRow\n    actor {\n      id\n      kind\n      name\n    }\n    machine {\n      id\n      name\n      assetCode\n      building {\n        id\n        name\n      }\n    }\n  }\n": types.RepairLogRowFragmentDoc,
    "\n  query RepairLogPage($filter: MachineEventFilter, $first: Int!, $after: String) {\n    machineEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...RepairLogRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.RepairLogPageDocument,
    "\n  query RepairLogPlaces($after: String) {\n    buildings {\n      id\n      name\n    }\n    machines(\n      first: 100\n      after: $after\n      filter: { includeArchived: true, onlyAssignedToMe: false }\n    ) {\n      nodes {\n        id\n        name\n        assetCode\n        building {\n          id\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.RepairLogPlacesDocument,
    "\n  query RepairLogPeople {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n": types.RepairLogPeopleDocument,
    "\n  fragment ReliabilityFiguresRow on ReliabilityFigures {\n    faultCases\n    casesBySeverity {\n      low\n      medium\n      high\n      critical\n    }\n    repeatFailures\n    mttaSeconds\n    mttrSeconds\n    mtbfSeconds\n    downtimeSeconds\n    warningSeconds\n    observedSeconds\n    availability\n  }\n": types.ReliabilityFiguresRowFragmentDoc,
    "\n  query ReliabilityReport(\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $buildingIds: [ID!]\n    $timeZone: String!\n  ) {\n    reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, timeZone: $timeZone) {\n      from\n      to\n      timeZone\n      repeatWindowSeconds\n      overall {\n        ...ReliabilityFiguresRow\n      }\n      buildings {\n        building {\n          id\n          name\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      machines {\n        machine {\n          id\n          name\n          assetCode\n          archived\n          building {\n            id\n            name\n          }\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      weeks {\n        weekStart\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n    }\n  }\n": types.ReliabilityReportDocument,
    "\n  query ReportBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n": types.ReportBuildingsDocument,
    "\n  fragment SessionUser on User {\n    id\n    name\n    email\n    role\n  }\n": types.SessionUserFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password, deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession {\n    refreshSession(deliverRefreshToken: COOKIE) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      deliverRefreshToken: COOKIE\n    ) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.ChangePasswordDocument,
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
export function graphql(source: "\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n"): (typeof documents)["\n  fragment CaseMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    activeWarnings(first: 5) {\n      id\n      message\n      repeatCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n"): (typeof documents)["\n  fragment CaseActor on ActorSummary {\n    id\n    kind\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    isRepeat\n    repeatOf {\n      id\n      openedAt\n      resolvedAt\n    }\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n"): (typeof documents)["\n  fragment CaseDetail on FaultCase {\n    id\n    status\n    severity\n    description\n    version\n    openedAt\n    updatedAt\n    reportedBy {\n      ...CaseActor\n    }\n    assignee {\n      id\n      name\n    }\n    assignedAt\n    acknowledgedAt\n    acknowledgedBy {\n      ...CaseActor\n    }\n    startedAt\n    startedBy {\n      ...CaseActor\n    }\n    resolvedAt\n    resolvedBy {\n      ...CaseActor\n    }\n    resolutionNote\n    reopenCount\n    isRepeat\n    repeatOf {\n      id\n      openedAt\n      resolvedAt\n    }\n    timeToResolveSeconds\n    machine {\n      ...CaseMachine\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CasePhoto on FaultAttachment {\n    id\n    noteId\n    width\n    height\n    url\n    thumbnailUrl\n    createdAt\n    uploadedBy {\n      ...CaseActor\n    }\n  }\n"): (typeof documents)["\n  fragment CasePhoto on FaultAttachment {\n    id\n    noteId\n    width\n    height\n    url\n    thumbnailUrl\n    createdAt\n    uploadedBy {\n      ...CaseActor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n"): (typeof documents)["\n  fragment CaseNote on FaultNote {\n    id\n    body\n    createdAt\n    author {\n      ...CaseActor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n      attachments(first: 100) {\n        ...CasePhoto\n      }\n    }\n  }\n"): (typeof documents)["\n  query CasePage($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseDetail\n      lastEventId\n      notes(first: 100) {\n        ...CaseNote\n      }\n      attachments(first: 100) {\n        ...CasePhoto\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment CaseListMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    building {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CaseListMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    building {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseListBoard on FaultCase {\n    id\n    status\n    severity\n    openedAt\n    acknowledgedAt\n    startedAt\n    assignee {\n      id\n      name\n    }\n    machine {\n      ...CaseListMachine\n    }\n  }\n"): (typeof documents)["\n  fragment CaseListBoard on FaultCase {\n    id\n    status\n    severity\n    openedAt\n    acknowledgedAt\n    startedAt\n    assignee {\n      id\n      name\n    }\n    machine {\n      ...CaseListMachine\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseListRow on FaultCase {\n    ...CaseListBoard\n    description\n    resolvedAt\n    isRepeat\n  }\n"): (typeof documents)["\n  fragment CaseListRow on FaultCase {\n    ...CaseListBoard\n    description\n    resolvedAt\n    isRepeat\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseListPage($filter: FaultCaseFilter, $first: Int!, $after: String) {\n    faultCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseListRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseListPage($filter: FaultCaseFilter, $first: Int!, $after: String) {\n    faultCases(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseListRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseListRowById($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseListRow\n    }\n  }\n"): (typeof documents)["\n  query CaseListRowById($id: ID!) {\n    faultCase(id: $id) {\n      ...CaseListRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseListBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query CaseListBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseListAssignees {\n    users(first: 100, filter: { roles: [REPAIR] }) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseListAssignees {\n    users(first: 100, filter: { roles: [REPAIR] }) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseListChanged {\n    faultCaseChanged {\n      ...CaseListBoard\n    }\n  }\n"): (typeof documents)["\n  subscription CaseListChanged {\n    faultCaseChanged {\n      ...CaseListBoard\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkMachine on Machine {\n    ...BoardMachine\n    team: technicians(first: 25) {\n      id\n    }\n    unresolvedFaultCases(first: 5) {\n      id\n      status\n      severity\n      openedAt\n      description\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WorkMachine on Machine {\n    ...BoardMachine\n    team: technicians(first: 25) {\n      id\n    }\n    unresolvedFaultCases(first: 5) {\n      id\n      status\n      severity\n      openedAt\n      description\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMachines($after: String) {\n    machines(first: 20, after: $after, filter: { onlyAssignedToMe: true }) {\n      lastEventId\n      nodes {\n        ...WorkMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyMachines($after: String) {\n    machines(first: 20, after: $after, filter: { onlyAssignedToMe: true }) {\n      lastEventId\n      nodes {\n        ...WorkMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyMachineEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      machine {\n        ...WorkMachine\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyMachineEvents($since: ID, $machineIds: [ID!]) {\n    machineEvents(since: $since, machineIds: $machineIds) {\n      id\n      machine {\n        ...WorkMachine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CurrentDisplay {\n    currentDisplay {\n      id\n      name\n      chime\n      buildings {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DisplayBoard($buildingIds: [ID!]) {\n    wholeBoard(buildingIds: $buildingIds) {\n      lastEventId\n      machines {\n        ...BoardMachine\n      }\n    }\n  }\n"): (typeof documents)["\n  query DisplayBoard($buildingIds: [ID!]) {\n    wholeBoard(buildingIds: $buildingIds) {\n      lastEventId\n      machines {\n        ...BoardMachine\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment LabelMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    building {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment LabelMachine on Machine {\n    id\n    name\n    assetCode\n    location\n    building {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LabelBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query LabelBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LabelMachines($buildingIds: [ID!], $ids: [ID!], $after: String) {\n    machines(\n      filter: { buildingIds: $buildingIds, ids: $ids, onlyAssignedToMe: false }\n      first: 100\n      after: $after\n    ) {\n      nodes {\n        ...LabelMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query LabelMachines($buildingIds: [ID!], $ids: [ID!], $after: String) {\n    machines(\n      filter: { buildingIds: $buildingIds, ids: $ids, onlyAssignedToMe: false }\n      first: 100\n      after: $after\n    ) {\n      nodes {\n        ...LabelMachine\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MachineDetail on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 100) {\n      id\n      name\n    }\n    activeWarnings(first: 100) {\n      id\n      code\n      message\n      repeatCount\n      raisedAt\n      lastSeenAt\n      raisedBy {\n        kind\n        name\n      }\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MachineDetail on Machine {\n    id\n    name\n    assetCode\n    location\n    importance\n    status\n    statusSince\n    archived\n    building {\n      id\n      name\n    }\n    technicians(first: 100) {\n      id\n      name\n    }\n    activeWarnings(first: 100) {\n      id\n      code\n      message\n      repeatCount\n      raisedAt\n      lastSeenAt\n      raisedBy {\n        kind\n        name\n      }\n    }\n    openFaultCase {\n      id\n      severity\n      status\n      openedAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MachineEventRow on MachineEvent {\n    id\n    type\n    at\n    fromStatus\n    toStatus\n    data\n    actor {\n      kind\n      name\n    }\n    faultCase {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment MachineEventRow on MachineEvent {\n    id\n    type\n    at\n    fromStatus\n    toStatus\n    data\n    actor {\n      kind\n      name\n    }\n    faultCase {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FaultCaseRow on FaultCase {\n    id\n    severity\n    status\n    openedAt\n    resolvedAt\n    description\n    assignee {\n      id\n      name\n    }\n    reportedBy {\n      kind\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment FaultCaseRow on FaultCase {\n    id\n    severity\n    status\n    openedAt\n    resolvedAt\n    description\n    assignee {\n      id\n      name\n    }\n    reportedBy {\n      kind\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MachinePage($assetCode: String!) {\n    machine(assetCode: $assetCode) {\n      ...MachineDetail\n      lastEventId\n    }\n  }\n"): (typeof documents)["\n  query MachinePage($assetCode: String!) {\n    machine(assetCode: $assetCode) {\n      ...MachineDetail\n      lastEventId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MachineEvents($machineId: ID!, $types: [MachineEventType!], $first: Int!, $after: String) {\n    machineEvents(\n      filter: { machineIds: [$machineId], types: $types }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...MachineEventRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query MachineEvents($machineId: ID!, $types: [MachineEventType!], $first: Int!, $after: String) {\n    machineEvents(\n      filter: { machineIds: [$machineId], types: $types }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...MachineEventRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MachineLiveEvents($machineId: ID!, $since: ID) {\n    machineEvents(machineIds: [$machineId], since: $since) {\n      ...MachineEventRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MachineLiveEvents($machineId: ID!, $since: ID) {\n    machineEvents(machineIds: [$machineId], since: $since) {\n      ...MachineEventRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MachineWarningRepeats($machineId: ID!) {\n    warningRepeated(machineIds: [$machineId]) {\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  subscription MachineWarningRepeats($machineId: ID!) {\n    warningRepeated(machineIds: [$machineId]) {\n      warningId\n      repeatCount\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MachineFaultCases(\n    $machineId: ID!\n    $statuses: [FaultStatus!]!\n    $first: Int!\n    $after: String\n  ) {\n    faultCases(\n      filter: { machineIds: [$machineId], statuses: $statuses }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...FaultCaseRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query MachineFaultCases(\n    $machineId: ID!\n    $statuses: [FaultStatus!]!\n    $first: Int!\n    $after: String\n  ) {\n    faultCases(\n      filter: { machineIds: [$machineId], statuses: $statuses }\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        ...FaultCaseRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportFault($input: OpenFaultCaseInput!) {\n    openFaultCase(input: $input) {\n      ...FaultCaseRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReportFault($input: OpenFaultCaseInput!) {\n    openFaultCase(input: $input) {\n      ...FaultCaseRow\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaiseMachineWarning($input: RaiseWarningInput!) {\n    raiseWarning(input: $input) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RaiseMachineWarning($input: RaiseWarningInput!) {\n    raiseWarning(input: $input) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearMachineWarning($id: ID!, $machineId: ID!) {\n    clearWarning(id: $id, machineId: $machineId) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ClearMachineWarning($id: ID!, $machineId: ID!) {\n    clearWarning(id: $id, machineId: $machineId) {\n      id\n      machine {\n        ...MachineDetail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignMachineTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...MachineDetail\n    }\n  }\n"): (typeof documents)["\n  mutation AssignMachineTechnicians($machineId: ID!, $technicianIds: [ID!]!) {\n    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {\n      ...MachineDetail\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveTechnicians($after: String) {\n    users(filter: { roles: [TECHNICIAN], active: true }, first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActiveTechnicians($after: String) {\n    users(filter: { roles: [TECHNICIAN], active: true }, first: 100, after: $after) {\n      nodes {\n        id\n        name\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RepairLogRow on MachineEvent {\n    ...MachineEventRow\n    actor {\n      id\n      kind\n      name\n    }\n    machine {\n      id\n      name\n      assetCode\n      building {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RepairLogRow on MachineEvent {\n    ...MachineEventRow\n    actor {\n      id\n      kind\n      name\n    }\n    machine {\n      id\n      name\n      assetCode\n      building {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepairLogPage($filter: MachineEventFilter, $first: Int!, $after: String) {\n    machineEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...RepairLogRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepairLogPage($filter: MachineEventFilter, $first: Int!, $after: String) {\n    machineEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...RepairLogRow\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepairLogPlaces($after: String) {\n    buildings {\n      id\n      name\n    }\n    machines(\n      first: 100\n      after: $after\n      filter: { includeArchived: true, onlyAssignedToMe: false }\n    ) {\n      nodes {\n        id\n        name\n        assetCode\n        building {\n          id\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepairLogPlaces($after: String) {\n    buildings {\n      id\n      name\n    }\n    machines(\n      first: 100\n      after: $after\n      filter: { includeArchived: true, onlyAssignedToMe: false }\n    ) {\n      nodes {\n        id\n        name\n        assetCode\n        building {\n          id\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepairLogPeople {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n"): (typeof documents)["\n  query RepairLogPeople {\n    users(first: 100) {\n      nodes {\n        id\n        name\n        active\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReliabilityFiguresRow on ReliabilityFigures {\n    faultCases\n    casesBySeverity {\n      low\n      medium\n      high\n      critical\n    }\n    repeatFailures\n    mttaSeconds\n    mttrSeconds\n    mtbfSeconds\n    downtimeSeconds\n    warningSeconds\n    observedSeconds\n    availability\n  }\n"): (typeof documents)["\n  fragment ReliabilityFiguresRow on ReliabilityFigures {\n    faultCases\n    casesBySeverity {\n      low\n      medium\n      high\n      critical\n    }\n    repeatFailures\n    mttaSeconds\n    mttrSeconds\n    mtbfSeconds\n    downtimeSeconds\n    warningSeconds\n    observedSeconds\n    availability\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReliabilityReport(\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $buildingIds: [ID!]\n    $timeZone: String!\n  ) {\n    reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, timeZone: $timeZone) {\n      from\n      to\n      timeZone\n      repeatWindowSeconds\n      overall {\n        ...ReliabilityFiguresRow\n      }\n      buildings {\n        building {\n          id\n          name\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      machines {\n        machine {\n          id\n          name\n          assetCode\n          archived\n          building {\n            id\n            name\n          }\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      weeks {\n        weekStart\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReliabilityReport(\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $buildingIds: [ID!]\n    $timeZone: String!\n  ) {\n    reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, timeZone: $timeZone) {\n      from\n      to\n      timeZone\n      repeatWindowSeconds\n      overall {\n        ...ReliabilityFiguresRow\n      }\n      buildings {\n        building {\n          id\n          name\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      machines {\n        machine {\n          id\n          name\n          assetCode\n          archived\n          building {\n            id\n            name\n          }\n        }\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n      weeks {\n        weekStart\n        figures {\n          ...ReliabilityFiguresRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query ReportBuildings {\n    buildings {\n      id\n      name\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"): (typeof documents)["\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      deliverRefreshToken: COOKIE\n    ) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(\n      currentPassword: $currentPassword\n      newPassword: $newPassword\n      deliverRefreshToken: COOKIE\n    ) {\n      accessToken\n      accessTokenExpiresAt\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;