import { graphql } from '#lib/graphql/generated/index.ts';

// Buildings for managers: list, create, rename. Names are unique ignoring case (CONFLICT).

export const AdminBuildingsDocument = graphql(`
  query AdminBuildings {
    buildings(first: 100) {
      id
      name
      createdAt
    }
  }
`);

export const CreateBuildingDocument = graphql(`
  mutation CreateBuilding($input: CreateBuildingInput!) {
    createBuilding(input: $input) {
      id
      name
      createdAt
    }
  }
`);

export const RenameBuildingDocument = graphql(`
  mutation RenameBuilding($id: ID!, $input: UpdateBuildingInput!) {
    updateBuilding(id: $id, input: $input) {
      id
      name
      createdAt
    }
  }
`);
