import { graphql } from '#lib/graphql/generated/index.ts';

// The repair log (/log) and the reliability report (/reports).

/** One line of the repair log: the machine's timeline row, and which machine it is. */
export const RepairLogRowFields = graphql(`
  fragment RepairLogRow on MachineEvent {
    ...MachineEventRow
    actor {
      id
      kind
      name
    }
    machine {
      id
      name
      assetCode
      building {
        id
        name
      }
    }
  }
`);

export const RepairLogPageDocument = graphql(`
  query RepairLogPage($filter: MachineEventFilter, $first: Int!, $after: String) {
    machineEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      nodes {
        ...RepairLogRow
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** Filter choices: buildings and machines for everyone who reads the log. */
export const RepairLogPlacesDocument = graphql(`
  query RepairLogPlaces($after: String) {
    buildings {
      id
      name
    }
    machines(
      first: 100
      after: $after
      filter: { includeArchived: true, onlyAssignedToMe: false }
    ) {
      nodes {
        id
        name
        assetCode
        building {
          id
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The people to filter by: managers only may read the user list. */
export const RepairLogPeopleDocument = graphql(`
  query RepairLogPeople {
    users(first: 100) {
      nodes {
        id
        name
        active
      }
    }
  }
`);

export const ReliabilityFiguresFields = graphql(`
  fragment ReliabilityFiguresRow on ReliabilityFigures {
    faultCases
    casesBySeverity {
      low
      medium
      high
      critical
    }
    repeatFailures
    mttaSeconds
    mttrSeconds
    mtbfSeconds
    downtimeSeconds
    warningSeconds
    observedSeconds
    availability
  }
`);

export const ReliabilityReportDocument = graphql(`
  query ReliabilityReport(
    $from: DateTimeISO!
    $to: DateTimeISO!
    $buildingIds: [ID!]
    $timeZone: String!
  ) {
    reliabilityReport(from: $from, to: $to, buildingIds: $buildingIds, timeZone: $timeZone) {
      from
      to
      timeZone
      repeatWindowSeconds
      overall {
        ...ReliabilityFiguresRow
      }
      buildings {
        building {
          id
          name
        }
        figures {
          ...ReliabilityFiguresRow
        }
      }
      machines {
        machine {
          id
          name
          assetCode
          archived
          building {
            id
            name
          }
        }
        figures {
          ...ReliabilityFiguresRow
        }
      }
      weeks {
        weekStart
        figures {
          ...ReliabilityFiguresRow
        }
      }
    }
  }
`);

export const ReportBuildingsDocument = graphql(`
  query ReportBuildings {
    buildings {
      id
      name
    }
  }
`);
