import { graphql } from '#lib/graphql/generated/index.ts';

// The cases list (/cases) and My work (/my-work).

export const CaseListMachineFields = graphql(`
  fragment CaseListMachine on Machine {
    id
    name
    assetCode
    location
    importance
    building {
      id
      name
    }
  }
`);

/**
 * What anyone who sees the board may read of a case (the server's board fields): all a row
 * needs to be placed, filtered and ordered. Live changes carry only these, because a case
 * taken away from a repair worker reaches them once more, and its detail is no longer theirs.
 */
export const CaseListBoardFields = graphql(`
  fragment CaseListBoard on FaultCase {
    id
    status
    severity
    openedAt
    acknowledgedAt
    startedAt
    assignee {
      id
      name
    }
    machine {
      ...CaseListMachine
    }
  }
`);

/** A row: the board fields and what the case is about. */
export const CaseListRowFields = graphql(`
  fragment CaseListRow on FaultCase {
    ...CaseListBoard
    description
    resolvedAt
    isRepeat
  }
`);

export const CaseListPageDocument = graphql(`
  query CaseListPage($filter: FaultCaseFilter, $first: Int!, $after: String) {
    faultCases(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...CaseListRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** One row read again after a live change (its description may have changed too). */
export const CaseListRowDocument = graphql(`
  query CaseListRowById($id: ID!) {
    faultCase(id: $id) {
      ...CaseListRow
    }
  }
`);

export const CaseListBuildingsDocument = graphql(`
  query CaseListBuildings {
    buildings {
      id
      name
    }
  }
`);

/** The repair staff a case can be assigned to: managers only may read the user list. */
export const CaseListAssigneesDocument = graphql(`
  query CaseListAssignees {
    users(first: 100, filter: { roles: [REPAIR] }) {
      nodes {
        id
        name
        active
      }
    }
  }
`);

export const CaseListChangedDocument = graphql(`
  subscription CaseListChanged {
    faultCaseChanged {
      ...CaseListBoard
    }
  }
`);

/**
 * A technician's machine: its board state, who looks after it, and its unresolved cases.
 * Page sizes keep the query under the API's cost limit (20 machines × 25 people × 5 cases).
 */
export const WorkMachineFields = graphql(`
  fragment WorkMachine on Machine {
    ...BoardMachine
    team: technicians(first: 25) {
      id
    }
    unresolvedFaultCases(first: 5) {
      id
      status
      severity
      openedAt
      description
      assignee {
        id
        name
      }
    }
  }
`);

export const MyMachinesDocument = graphql(`
  query MyMachines($after: String) {
    machines(first: 20, after: $after, filter: { onlyAssignedToMe: true }) {
      lastEventId
      nodes {
        ...WorkMachine
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const MyMachineEventsDocument = graphql(`
  subscription MyMachineEvents($since: ID, $machineIds: [ID!]) {
    machineEvents(since: $since, machineIds: $machineIds) {
      id
      machine {
        ...WorkMachine
      }
    }
  }
`);
