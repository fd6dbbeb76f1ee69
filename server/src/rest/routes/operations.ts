const MACHINE_REF = 'id assetCode name status';
const ACTOR = 'kind id name';
const MACHINE_FIELDS = `id assetCode name location importance status statusSince archived
  building { id name } technicians { id name }
  activeWarnings(first: 100) { id message code repeatCount raisedAt lastSeenAt }
  openFaultCase { id severity status openedAt assignee { id name } }`;
const FAULT_FIELDS = `id description severity status openedAt acknowledgedAt startedAt resolvedAt
  resolutionNote reopenCount version machine { ${MACHINE_REF} } assignee { id name } reportedBy { ${ACTOR} }`;
const WARNING_FIELDS = `id message code repeatCount raisedAt lastSeenAt clearedAt active
  machine { ${MACHINE_REF} } raisedBy { ${ACTOR} } clearedBy { ${ACTOR} }`;

/** The GraphQL operations behind the routes (the benchmark sends the same ones to /graphql). */
export const REST_OPERATIONS = {
  login: `mutation RestLogin($email: String!, $password: String!) {
    login(email: $email, password: $password, deliverRefreshToken: BODY) {
      accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email name role }
    } }`,
  buildings: `query RestBuildings { buildings { id name } }`,
  machines: `query RestMachines($filter: MachineFilter, $first: Int, $after: String) {
    machines(filter: $filter, first: $first, after: $after) {
      nodes { ${MACHINE_FIELDS} } totalCount pageInfo { hasNextPage endCursor } } }`,
  machine: `query RestMachine($id: ID!) { machine(id: $id) { ${MACHINE_FIELDS} } }`,
  archiveMachine: `mutation RestArchiveMachine($id: ID!) { archiveMachine(id: $id) { ${MACHINE_FIELDS} } }`,
  machineByCode: `query RestMachineByCode($assetCode: String!) { machine(assetCode: $assetCode) { id } }`,
  createMachine: `mutation RestCreateMachine($input: CreateMachineInput!) { createMachine(input: $input) { ${MACHINE_FIELDS} } }`,
  machineFaults: `query RestMachineFaults($id: ID!, $filter: FaultCaseFilter!, $first: Int, $after: String) {
    machine(id: $id) { id }
    faultCases(filter: $filter, first: $first, after: $after) {
      nodes { ${FAULT_FIELDS} } totalCount pageInfo { hasNextPage endCursor } } }`,
  openFault: `mutation RestOpenFault($input: OpenFaultCaseInput!) { openFaultCase(input: $input) { ${FAULT_FIELDS} } }`,
  resolveFault: `mutation RestResolveFault($id: ID!, $note: String!, $expectedVersion: Int) {
    resolveFaultCase(id: $id, resolutionNote: $note, expectedVersion: $expectedVersion) { ${FAULT_FIELDS} } }`,
  raiseWarning: `mutation RestRaiseWarning($input: RaiseWarningInput!) { raiseWarning(input: $input) { ${WARNING_FIELDS} } }`,
  clearWarning: `mutation RestClearWarning($id: ID, $machineId: ID, $code: String) {
    clearWarning(id: $id, machineId: $machineId, code: $code) { ${WARNING_FIELDS} } }`,
  reportSensorConditions: `mutation RestSensorReports($input: SensorReportsInput!) {
    reportSensorConditions(input: $input) {
      machineId code outcome warningId repeatCount error { code message } } }`,
};
