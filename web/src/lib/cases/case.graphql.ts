import { graphql } from '#lib/graphql/generated/index.ts';

// The fault case page: the case read as a snapshot (its `lastEventId` starts the machine's
// event stream with no gap), its history, the lifecycle writes and the live stream.

/** The machine as the case page shows it; every event of the stream carries it anew. */
export const CaseMachineFields = graphql(`
  fragment CaseMachine on Machine {
    id
    name
    assetCode
    location
    status
    statusSince
    archived
    building {
      id
      name
    }
    activeWarnings(first: 5) {
      id
      message
      repeatCount
    }
  }
`);

export const CaseActorFields = graphql(`
  fragment CaseActor on ActorSummary {
    id
    kind
    name
  }
`);

/** Everything the page shows of the case itself; every write answers with it. */
export const CaseDetailFields = graphql(`
  fragment CaseDetail on FaultCase {
    id
    status
    severity
    description
    version
    openedAt
    updatedAt
    reportedBy {
      ...CaseActor
    }
    assignee {
      id
      name
    }
    assignedAt
    acknowledgedAt
    acknowledgedBy {
      ...CaseActor
    }
    startedAt
    startedBy {
      ...CaseActor
    }
    resolvedAt
    resolvedBy {
      ...CaseActor
    }
    resolutionNote
    reopenCount
    isRepeat
    repeatOf {
      id
      openedAt
      resolvedAt
    }
    timeToResolveSeconds
    machine {
      ...CaseMachine
    }
  }
`);

/**
 * A photo of the case; its URLs are fetched with the bearer token (see photos/). The page reads
 * the case's photos once, each with its note (photos under each note would cost too much).
 */
export const CasePhotoFields = graphql(`
  fragment CasePhoto on FaultAttachment {
    id
    noteId
    width
    height
    url
    thumbnailUrl
    createdAt
    uploadedBy {
      ...CaseActor
    }
  }
`);

export const CaseNoteFields = graphql(`
  fragment CaseNote on FaultNote {
    id
    body
    createdAt
    author {
      ...CaseActor
    }
  }
`);

export const CasePageDocument = graphql(`
  query CasePage($id: ID!) {
    faultCase(id: $id) {
      ...CaseDetail
      lastEventId
      notes(first: 100) {
        ...CaseNote
      }
      attachments(first: 100) {
        ...CasePhoto
      }
    }
  }
`);

export const CaseHistoryEventFields = graphql(`
  fragment CaseHistoryEvent on MachineEvent {
    id
    type
    at
    data
    actor {
      ...CaseActor
    }
  }
`);

/** Every transition of the case, newest first (notes are in the thread, not here). */
export const CaseHistoryDocument = graphql(`
  query CaseHistory($id: ID!, $after: String) {
    machineEvents(
      first: 100
      after: $after
      filter: {
        faultCaseId: $id
        types: [
          FAULT_OPENED
          FAULT_ASSIGNED
          FAULT_ACKNOWLEDGED
          FAULT_STARTED
          FAULT_UPDATED
          FAULT_RESOLVED
          FAULT_REOPENED
        ]
      }
    ) {
      nodes {
        ...CaseHistoryEvent
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * The case's machine, live. An event of this case is the signal to read the case again (its
 * detail is not in the event: other cases' events on the same machine must not ask for
 * theirs); every event carries the machine as it is now.
 */
export const CaseEventsDocument = graphql(`
  subscription CaseEvents($since: ID, $machineIds: [ID!]) {
    machineEvents(since: $since, machineIds: $machineIds) {
      id
      type
      faultCase {
        id
      }
      machine {
        ...CaseMachine
      }
    }
  }
`);

export const RepairWorkersDocument = graphql(`
  query RepairWorkers {
    users(first: 100, filter: { roles: [REPAIR], active: true }) {
      nodes {
        id
        name
      }
    }
  }
`);

export const UpdateFaultCaseDocument = graphql(`
  mutation UpdateFaultCase($id: ID!, $input: UpdateFaultCaseInput!) {
    updateFaultCase(id: $id, input: $input) {
      ...CaseDetail
    }
  }
`);

export const AssignFaultCaseDocument = graphql(`
  mutation AssignFaultCase($id: ID!, $assigneeId: ID!, $expectedVersion: Int!) {
    assignFaultCase(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) {
      ...CaseDetail
    }
  }
`);

export const AcknowledgeFaultCaseDocument = graphql(`
  mutation AcknowledgeFaultCase($id: ID!, $expectedVersion: Int!) {
    acknowledgeFaultCase(id: $id, expectedVersion: $expectedVersion) {
      ...CaseDetail
    }
  }
`);

export const StartRepairDocument = graphql(`
  mutation StartRepair($id: ID!, $expectedVersion: Int!) {
    startRepair(id: $id, expectedVersion: $expectedVersion) {
      ...CaseDetail
    }
  }
`);

export const ResolveFaultCaseDocument = graphql(`
  mutation ResolveFaultCase($id: ID!, $resolutionNote: String!, $expectedVersion: Int!) {
    resolveFaultCase(id: $id, resolutionNote: $resolutionNote, expectedVersion: $expectedVersion) {
      ...CaseDetail
    }
  }
`);

export const ReopenFaultCaseDocument = graphql(`
  mutation ReopenFaultCase($id: ID!, $reason: String!, $expectedVersion: Int!) {
    reopenFaultCase(id: $id, reason: $reason, expectedVersion: $expectedVersion) {
      ...CaseDetail
    }
  }
`);

export const AddFaultNoteDocument = graphql(`
  mutation AddFaultNote($faultCaseId: ID!, $body: String!) {
    addFaultNote(faultCaseId: $faultCaseId, body: $body) {
      ...CaseNote
    }
  }
`);
