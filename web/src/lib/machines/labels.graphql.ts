import { graphql } from '#lib/graphql/generated/index.ts';

export const LabelMachineFields = graphql(`
  fragment LabelMachine on Machine {
    id
    name
    assetCode
    location
    building {
      id
      name
    }
  }
`);

export const LabelBuildingsDocument = graphql(`
  query LabelBuildings {
    buildings {
      id
      name
    }
  }
`);

/** One page of the machines to label: of some buildings, or a selection by id. */
export const LabelMachinesDocument = graphql(`
  query LabelMachines($buildingIds: [ID!], $ids: [ID!], $after: String) {
    machines(
      filter: { buildingIds: $buildingIds, ids: $ids, onlyAssignedToMe: false }
      first: 100
      after: $after
    ) {
      nodes {
        ...LabelMachine
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);
