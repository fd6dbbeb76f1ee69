import { graphql } from '#lib/graphql/generated/index.ts';

// The wall display reads the board's own fragment (`BoardMachine`), so a tile on the wall and
// on a desk show the same facts; only the layout differs.

/**
 * One page of the display's buildings. `lastEventId` is the newest event this page reflects:
 * the stream resumes after the first page's, so nothing between pages is lost (an event
 * replayed onto a machine that already shows it sets the same state again).
 */
export const DisplayMachinesDocument = graphql(`
  query DisplayMachines($after: String, $buildingIds: [ID!]) {
    machines(first: 40, after: $after, filter: { buildingIds: $buildingIds }) {
      lastEventId
      nodes {
        ...BoardMachine
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const DisplayEventsDocument = graphql(`
  subscription DisplayEvents($since: ID, $buildingIds: [ID!]) {
    machineEvents(since: $since, buildingIds: $buildingIds) {
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
export const DisplayWarningRepeatsDocument = graphql(`
  subscription DisplayWarningRepeats($buildingIds: [ID!]) {
    warningRepeated(buildingIds: $buildingIds) {
      machineId
      warningId
      repeatCount
      lastSeenAt
    }
  }
`);
