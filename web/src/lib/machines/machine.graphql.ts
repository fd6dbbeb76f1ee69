import { graphql } from '#lib/graphql/generated/index.ts';

/** Everything the machine page shows of the machine itself; events carry it again. */
export const MachineDetailFields = graphql(`
  fragment MachineDetail on Machine {
    id
    name
    assetCode
    location
    importance
    status
    statusSince
    archived
    building {
      id
      name
    }
    technicians(first: 100) {
      id
      name
    }
    activeWarnings(first: 100) {
      id
      code
      message
      repeatCount
      raisedAt
      lastSeenAt
      raisedBy {
        kind
        name
      }
    }
    openFaultCase {
      id
      severity
      status
      openedAt
      assignee {
        id
        name
      }
    }
  }
`);

/** One line of the machine's history. */
export const MachineEventRowFields = graphql(`
  fragment MachineEventRow on MachineEvent {
    id
    type
    at
    fromStatus
    toStatus
    data
    actor {
      kind
      name
    }
    faultCase {
      id
    }
  }
`);

export const FaultCaseRowFields = graphql(`
  fragment FaultCaseRow on FaultCase {
    id
    severity
    status
    openedAt
    resolvedAt
    description
    assignee {
      id
      name
    }
    reportedBy {
      kind
      name
    }
  }
`);

/**
 * The page's snapshot: `lastEventId` is the newest event it reflects, where the live stream
 * starts, so nothing that happens while the page loads is lost.
 */
export const MachinePageDocument = graphql(`
  query MachinePage($assetCode: String!) {
    machine(assetCode: $assetCode) {
      ...MachineDetail
      lastEventId
    }
  }
`);

/** The machine's events, newest first; also its status changes alone (`types`). */
export const MachineEventsDocument = graphql(`
  query MachineEvents($machineId: ID!, $types: [MachineEventType!], $first: Int!, $after: String) {
    machineEvents(
      filter: { machineIds: [$machineId], types: $types }
      first: $first
      after: $after
    ) {
      nodes {
        ...MachineEventRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const MachineLiveEventsDocument = graphql(`
  subscription MachineLiveEvents($machineId: ID!, $since: ID) {
    machineEvents(machineIds: [$machineId], since: $since) {
      ...MachineEventRow
      machine {
        ...MachineDetail
      }
    }
  }
`);

/** Repeats are not events: they come by their own stream and are not replayed. */
export const MachineWarningRepeatsDocument = graphql(`
  subscription MachineWarningRepeats($machineId: ID!) {
    warningRepeated(machineIds: [$machineId]) {
      warningId
      repeatCount
      lastSeenAt
    }
  }
`);

/** The machine's fault cases (repair staff get only those assigned to them). */
export const MachineFaultCasesDocument = graphql(`
  query MachineFaultCases(
    $machineId: ID!
    $statuses: [FaultStatus!]!
    $first: Int!
    $after: String
  ) {
    faultCases(
      filter: { machineIds: [$machineId], statuses: $statuses }
      first: $first
      after: $after
    ) {
      nodes {
        ...FaultCaseRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export const ReportFaultDocument = graphql(`
  mutation ReportFault($input: OpenFaultCaseInput!) {
    openFaultCase(input: $input) {
      ...FaultCaseRow
      machine {
        ...MachineDetail
      }
    }
  }
`);

export const RaiseWarningDocument = graphql(`
  mutation RaiseMachineWarning($input: RaiseWarningInput!) {
    raiseWarning(input: $input) {
      id
      machine {
        ...MachineDetail
      }
    }
  }
`);

export const ClearWarningDocument = graphql(`
  mutation ClearMachineWarning($id: ID!, $machineId: ID!) {
    clearWarning(id: $id, machineId: $machineId) {
      id
      machine {
        ...MachineDetail
      }
    }
  }
`);

export const AssignTechniciansDocument = graphql(`
  mutation AssignMachineTechnicians($machineId: ID!, $technicianIds: [ID!]!) {
    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {
      ...MachineDetail
    }
  }
`);

/** Who a manager can assign: active technicians, by name. */
export const ActiveTechniciansDocument = graphql(`
  query ActiveTechnicians($after: String) {
    users(filter: { roles: [TECHNICIAN], active: true }, first: 100, after: $after) {
      nodes {
        id
        name
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
