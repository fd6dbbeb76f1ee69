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
 * `lastEventId` is the newest event the page's rows reflect: the subscription starts from the
 * first page's, so a change that lands while later pages load is replayed, not lost (applying
 * it twice is harmless: an event replaces the tile with the machine as it is now).
 */
export const BoardMachinesDocument = graphql(`
  query BoardMachines($after: String) {
    machines(first: 40, after: $after, filter: { onlyAssignedToMe: false }) {
      lastEventId
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

/** Repeat counts are not events: they come by their own stream and are not replayed. */
export const BoardWarningRepeatsDocument = graphql(`
  subscription BoardWarningRepeats {
    warningRepeated {
      machineId
      warningId
      repeatCount
      lastSeenAt
    }
  }
`);
