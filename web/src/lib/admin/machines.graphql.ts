import { graphql } from '#lib/graphql/generated/index.ts';

// Machines for managers: list, create, edit, assign technicians, archive.

export const AdminMachineFields = graphql(`
  fragment AdminMachineRow on Machine {
    id
    name
    assetCode
    location
    importance
    status
    archived
    archivedAt
    building {
      id
      name
    }
  }
`);

/** Who is assigned, in full: what the technicians picker starts from. */
export const AdminMachineTechniciansFields = graphql(`
  fragment AdminMachineTechnicians on Machine {
    technicians(first: 50) {
      id
      name
    }
  }
`);

export const AdminMachinesDocument = graphql(`
  query AdminMachines($filter: MachineFilter!, $after: String) {
    machines(first: 50, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AdminMachineRow
        # A few names for the list; the machine's page has them all.
        technicians(first: 5) {
          id
          name
        }
      }
    }
  }
`);

/** One machine with what its admin page offers: buildings to move it to, technicians. */
export const AdminMachineDocument = graphql(`
  query AdminMachine($id: ID!) {
    machine(id: $id) {
      ...AdminMachineRow
      ...AdminMachineTechnicians
      createdAt
      unresolvedFaultCases(first: 20) {
        id
        severity
        status
        openedAt
      }
    }
    buildings(first: 100) {
      id
      name
    }
    users(first: 100, filter: { roles: [TECHNICIAN], active: true }) {
      totalCount
      nodes {
        id
        name
        email
      }
    }
  }
`);

export const CreateMachineDocument = graphql(`
  mutation CreateMachine($input: CreateMachineInput!) {
    createMachine(input: $input) {
      ...AdminMachineRow
      ...AdminMachineTechnicians
    }
  }
`);

export const UpdateMachineDocument = graphql(`
  mutation UpdateMachine($id: ID!, $input: UpdateMachineInput!) {
    updateMachine(id: $id, input: $input) {
      ...AdminMachineRow
      ...AdminMachineTechnicians
    }
  }
`);

export const AssignTechniciansDocument = graphql(`
  mutation AssignTechnicians($machineId: ID!, $technicianIds: [ID!]!) {
    assignTechnicians(machineId: $machineId, technicianIds: $technicianIds) {
      ...AdminMachineRow
      ...AdminMachineTechnicians
    }
  }
`);

export const ArchiveMachineDocument = graphql(`
  mutation ArchiveMachine($id: ID!) {
    archiveMachine(id: $id) {
      ...AdminMachineRow
      ...AdminMachineTechnicians
    }
  }
`);
