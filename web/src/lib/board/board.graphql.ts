import { graphql } from '#lib/graphql/generated/index.ts';

/** Everything a tile shows. Events carry the machine again, so a tile is replaced whole. */
export const BoardMachineFields = graphql(`
  fragment BoardMachine on Machine {
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
    technicians(first: 5) {
      id
      name
    }
    activeWarnings(first: 5) {
      id
      code
      message
      repeatCount
      lastSeenAt
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

/**
 * The newest event id before the snapshot is read: the subscription starts from it, so a
 * change that lands while the machines load is replayed, not lost (applying it twice is
 * harmless: an event replaces the tile with the machine as it is now).
 */
export const BoardCursorDocument = graphql(`
  query BoardCursor {
    machineEvents(first: 1) {
      nodes {
        id
      }
    }
  }
`);

export const BoardMachinesDocument = graphql(`
  query BoardMachines($after: String) {
    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {
      nodes {
        ...BoardMachine
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

export const BoardEventsDocument = graphql(`
  subscription BoardEvents($since: ID) {
    machineEvents(since: $since) {
      id
      type
      at
      machine {
        ...BoardMachine
      }
    }
  }
`);
