import { graphql } from '#lib/graphql/generated/index.ts';

// The wall display reads the board's own fragment (`BoardMachine`), so a tile on the wall and
// on a desk show the same facts; only the layout differs.

/**
 * The display's whole board in one round trip (its buildings; the server's `wholeBoard` holds
 * up to 10,000 machines). `lastEventId` is the newest event it reflects: the stream resumes
 * after it, so nothing is lost in between.
 */
export const DisplayBoardDocument = graphql(`
  query DisplayBoard($buildingIds: [ID!]) {
    wholeBoard(buildingIds: $buildingIds) {
      lastEventId
      machines {
        ...BoardMachine
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
