import { isUuid } from '../common/ids.js';
import type { RequestContext } from '../graphql/context.js';
import { wasDeduplicated } from '../modules/faults/fault-case.service.js';
import { UNKNOWN_MACHINE } from '../modules/machines/machine-writer.js';
import { RestError } from './errors.js';
import type { GraphqlCall } from './graphql-call.js';
import { schemaRef, type ParameterObject, type SchemaObject } from './schemas.js';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export interface RestRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: Record<string, unknown>;
  call: GraphqlCall;
  ctx: RequestContext;
}

export interface RestResult {
  status: number;
  body: unknown;
}

export interface RouteResponse {
  description: string;
  schema?: SchemaObject;
}

/**
 * One entry per REST route: the router is built from this table and so is the OpenAPI
 * document, so neither can list a route the other lacks.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** OpenAPI form, trailing slash as in the spec (it is optional on requests). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Callable without a bearer token. */
  public?: boolean;
  /** Honours `Idempotency-Key`. */
  idempotent?: boolean;
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; schema: SchemaObject };
  responses: Record<number, RouteResponse>;
  handle(req: RestRequest): Promise<RestResult>;
}

const ASSET_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const DEFAULT_RESOLUTION_NOTE = 'Resolved via API';

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
};
const Q = REST_OPERATIONS;

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Json = Record<string, unknown>;

const machineParam: ParameterObject = {
  name: 'machineId',
  in: 'path',
  required: true,
  description:
    'The machine id (uuid) or its asset code (e.g. PRS-07; looked up with `machines:read`)',
  schema: { type: 'string' },
};
const pageParams: ParameterObject[] = [
  {
    name: 'limit',
    in: 'query',
    description: '1 to 100 (default 50)',
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  },
  {
    name: 'cursor',
    in: 'query',
    description: '`nextCursor` of the previous page',
    schema: { type: 'string' },
  },
];
const err = (description: string): RouteResponse => ({ description, schema: schemaRef('Error') });
const AUTH_ERRORS: Record<number, RouteResponse> = {
  401: err('No valid bearer token'),
  403: err('Role, scope or building does not allow this'),
  429: err('Rate limited; see Retry-After'),
};
const BODY_ERRORS: Record<number, RouteResponse> = {
  400: err('Malformed JSON or invalid input'),
  413: err('Body too large'),
  415: err('Not application/json'),
};
const IDEMPOTENCY_ERRORS: Record<number, RouteResponse> = {
  409: err('Conflict, or the answer for this Idempotency-Key is not stored yet (Retry-After)'),
  422: err('This Idempotency-Key was used with another request'),
};

// ---- input helpers -------------------------------------------------------------------

/** The first of `names` present in the body; it must be a string when present. */
function text(body: Json, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      throw RestError.badInput(`${name} must be a string`, { field: name });
    return value;
  }
  return undefined;
}

function requireText(body: Json, ...names: string[]): string {
  const value = text(body, ...names);
  if (value === undefined)
    throw RestError.badInput(`${names.join(' or ')} is required`, { field: names[0] });
  return value;
}

function optionalInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,9}$/.test(value))
    throw RestError.badInput(`${name} must be a whole number`, { field: name });
  return Number(value);
}

/** `?limit=&cursor=` of the list routes, as the connection's `first` and `after`. */
function pageArgs(req: RestRequest): { first: number | undefined; after: string | null } {
  return { first: optionalInt(req.query.limit, 'limit'), after: req.query.cursor ?? null };
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

function page<T>(connection: Connection<T>, map: (node: T) => unknown = (n) => n) {
  return {
    items: connection.nodes.map(map),
    totalCount: connection.totalCount,
    nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null,
  };
}

/** A machine in a path: its id, or its asset code resolved through the `machine` query. */
async function machineId(req: RestRequest): Promise<string> {
  const ref = req.params.machineId ?? '';
  if (isUuid(ref)) return ref.toLowerCase();
  if (!ASSET_CODE.test(ref)) throw RestError.notFound('Machine', ref.slice(0, 64));
  const { data } = await req.call.run<{ machine: { id: string } }>(Q.machineByCode, {
    assetCode: ref,
  });
  return data.machine.id;
}

function uuidParam(req: RestRequest, name: string, what: string): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw RestError.notFound(what, value.slice(0, 64));
  return value.toLowerCase();
}

/**
 * Mutations treat a machine named inside their input as bad input when it does not exist;
 * in REST the machine is in the path, so that is a 404 (whatever scopes the token holds).
 */
async function machineInPath<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof RestError &&
      error.code === 'BAD_USER_INPUT' &&
      error.details?.machineId === id &&
      error.details.reason === UNKNOWN_MACHINE
    ) {
      throw RestError.notFound('Machine', id);
    }
    throw error;
  }
}

/** A building by name, ignoring case (null when there is none). */
async function buildingByName(call: GraphqlCall, name: string): Promise<string | null> {
  const wanted = name.trim().toLowerCase();
  const { data } = await call.run<{ buildings: { id: string; name: string }[] }>(Q.buildings);
  // Names are unique ignoring case, so at most one matches.
  return data.buildings.find((b) => b.name.toLowerCase() === wanted)?.id ?? null;
}

// ---- routes ----------------------------------------------------------------------------

async function login(req: RestRequest): Promise<RestResult> {
  const email = requireText(req.body, 'email', 'username');
  const password = requireText(req.body, 'password');
  const { data } = await req.call.run<{
    login: {
      accessToken: string;
      accessTokenExpiresAt: string;
      refreshToken: string | null;
      refreshTokenExpiresAt: string;
      user: Json;
    };
  }>(Q.login, { email, password });
  const s = data.login;
  return {
    status: 200,
    body: {
      token: s.accessToken,
      expiresAt: s.accessTokenExpiresAt,
      refreshToken: s.refreshToken,
      refreshTokenExpiresAt: s.refreshTokenExpiresAt,
      user: s.user,
    },
  };
}

const loginDoc = {
  tag: 'auth',
  public: true,
  requestBody: { required: true, schema: schemaRef('LoginRequest') },
  responses: {
    200: { description: 'Signed in', schema: schemaRef('Session') },
    ...BODY_ERRORS,
    401: err('Wrong e-mail or password, or inactive account'),
    429: err('Too many failed sign-ins or requests; see Retry-After'),
  },
  handle: login,
} as const;

export const ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/login/',
    operationId: 'login',
    summary: 'Sign in with e-mail (or username) and password',
    ...loginDoc,
  },
  {
    method: 'post',
    path: '/auth/token/',
    operationId: 'authToken',
    summary: 'Sign in (alias of POST /api/login/)',
    ...loginDoc,
  },
  {
    method: 'get',
    path: '/api/machines/',
    operationId: 'listMachines',
    summary: 'Machines with their live status',
    description:
      'Technicians see the machines assigned to them unless `assigned=any`. API clients need `machines:read` and see their buildings only.',
    tag: 'machines',
    parameters: [
      {
        name: 'building',
        in: 'query',
        description: 'Building id or name',
        schema: { type: 'string' },
      },
      {
        name: 'status',
        in: 'query',
        description: 'OK, WARNING, FAULT; comma-separated, any case',
        schema: { type: 'string' },
      },
      {
        name: 'assigned',
        in: 'query',
        description: 'A technician id, `me`, or `any`',
        schema: { type: 'string' },
      },
      {
        name: 'search',
        in: 'query',
        description: 'Matches name, asset code or location',
        schema: { type: 'string', maxLength: 100 },
      },
      ...pageParams,
    ],
    responses: {
      200: { description: 'One page of machines', schema: schemaRef('MachineList') },
      400: err('Invalid filter'),
      ...AUTH_ERRORS,
    },
    async handle(req) {
      const filter: Json = {};
      const building = req.query.building?.trim();
      if (building) {
        const buildingIdValue = isUuid(building)
          ? building
          : await buildingByName(req.call, building);
        if (!buildingIdValue)
          return { status: 200, body: { items: [], totalCount: 0, nextCursor: null } };
        filter.buildingIds = [buildingIdValue];
      }
      const statuses = list(req.query.status);
      if (statuses) filter.statuses = statuses;
      const assigned = req.query.assigned?.trim();
      if (assigned) {
        if (assigned.toLowerCase() === 'me') filter.onlyAssignedToMe = true;
        else if (['any', 'all'].includes(assigned.toLowerCase())) filter.onlyAssignedToMe = false;
        else if (isUuid(assigned)) filter.assignedTechnicianId = assigned;
        else
          throw RestError.badInput('assigned must be a technician id, "me" or "any"', {
            field: 'assigned',
          });
      }
      if (req.query.search) filter.search = req.query.search;
      const { data } = await req.call.run<{ machines: Connection<Json> }>(Q.machines, {
        filter,
        ...pageArgs(req),
      });
      return { status: 200, body: page(data.machines) };
    },
  },
  {
    method: 'post',
    path: '/api/machines/',
    operationId: 'createMachine',
    summary: 'Add a machine (MANAGER)',
    description:
      '`location` names the building; a building of that name is created when none exists.',
    tag: 'machines',
    idempotent: true,
    requestBody: { required: true, schema: schemaRef('CreateMachineRequest') },
    responses: {
      201: { description: 'Created', schema: schemaRef('Machine') },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const name = requireText(req.body, 'name');
      const importance = req.body.importance;
      const given = text(req.body, 'buildingId');
      const location = text(req.body, 'location', 'building');
      if (!given && location === undefined)
        throw RestError.badInput('location (a building name) is required', { field: 'location' });
      const detail =
        text(req.body, 'locationDetail') ??
        (['line', 'cell']
          .filter((k) => req.body[k] !== undefined && req.body[k] !== null && req.body[k] !== '')
          .map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${String(req.body[k])}`)
          .join(', ') ||
          null);
      if (!given && location!.trim() === '')
        throw RestError.badInput('location must name a building', { field: 'location' });
      // One mutation: the building (when new), the machine and its event commit together.
      const { data } = await req.call.run<{ createMachine: Json }>(Q.createMachine, {
        input: {
          name,
          buildingId: given ?? null,
          buildingName: given ? null : location,
          importance,
          location: detail,
          assetCode: text(req.body, 'assetCode') ?? null,
        },
      });
      return { status: 201, body: data.createMachine };
    },
  },
  {
    method: 'get',
    path: '/api/machines/{machineId}/faults/',
    operationId: 'listMachineFaults',
    summary: 'Fault cases of a machine, newest first (staff; repair staff see their own)',
    tag: 'faults',
    parameters: [
      machineParam,
      {
        name: 'status',
        in: 'query',
        description: 'OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED; comma-separated',
        schema: { type: 'string' },
      },
      ...pageParams,
    ],
    responses: {
      200: { description: 'One page of cases', schema: schemaRef('FaultCaseList') },
      400: err('Invalid filter'),
      404: err('Unknown machine'),
      ...AUTH_ERRORS,
    },
    async handle(req) {
      const id = await machineId(req);
      const statuses = list(req.query.status);
      const { data } = await req.call.run<{ faultCases: Connection<Json> }>(Q.machineFaults, {
        id,
        filter: { machineIds: [id], ...(statuses ? { statuses } : {}) },
        ...pageArgs(req),
      });
      return { status: 200, body: page(data.faultCases) };
    },
  },
  {
    method: 'post',
    path: '/api/machines/{machineId}/faults/',
    operationId: 'openFault',
    summary: 'Open a fault case (MANAGER, TECHNICIAN, or API client with faults:write)',
    description:
      'An API client that reports the same description again while its case on this machine is unresolved gets that case back (200, `deduplicated: true`).',
    tag: 'faults',
    idempotent: true,
    parameters: [machineParam],
    requestBody: { required: true, schema: schemaRef('OpenFaultRequest') },
    responses: {
      201: { description: 'Opened', schema: schemaRef('FaultCase') },
      200: {
        description: 'The client’s open case for this condition (deduplicated)',
        schema: schemaRef('FaultCase'),
      },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      404: err('Unknown machine'),
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const id = await machineId(req);
      const description = requireText(req.body, 'description');
      const severityValue = req.body.severity;
      const severity =
        typeof severityValue === 'string' ? severityValue.trim().toUpperCase() : severityValue;
      if (severity === undefined || severity === null)
        throw RestError.badInput('severity is required', { field: 'severity' });
      const result = await machineInPath(id, () =>
        req.call.run<{ openFaultCase: Json & { id: string } }>(Q.openFault, {
          input: { machineId: id, description, severity },
        }),
      );
      const fc = result.data.openFaultCase;
      const deduplicated = wasDeduplicated({ memo: result.memo }, fc.id);
      return { status: deduplicated ? 200 : 201, body: { ...fc, deduplicated } };
    },
  },
  {
    method: 'patch',
    path: '/api/faults/{faultId}/resolve/',
    operationId: 'resolveFault',
    summary: 'Resolve a fault case (MANAGER, or the REPAIR worker it is assigned to)',
    tag: 'faults',
    idempotent: true,
    parameters: [
      { name: 'faultId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ],
    requestBody: { required: false, schema: schemaRef('ResolveFaultRequest') },
    responses: {
      200: { description: 'Resolved', schema: schemaRef('FaultCase') },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      404: err('Unknown fault case'),
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const id = uuidParam(req, 'faultId', 'Fault case');
      const note =
        text(req.body, 'resolution_note', 'resolutionNote', 'note') ?? DEFAULT_RESOLUTION_NOTE;
      const expectedVersion = req.body.expectedVersion ?? null;
      const { data } = await req.call.run<{ resolveFaultCase: Json }>(Q.resolveFault, {
        id,
        note,
        expectedVersion,
      });
      return { status: 200, body: data.resolveFaultCase };
    },
  },
  {
    method: 'post',
    path: '/api/machines/{machineId}/warnings/',
    operationId: 'raiseWarning',
    summary: 'Raise a warning (MANAGER, TECHNICIAN, or API client with warnings:write)',
    description:
      'While a warning with the same `code` is active on the machine, posting it again only raises its `repeatCount` (200, `deduplicated: true`).',
    tag: 'warnings',
    idempotent: true,
    parameters: [machineParam],
    requestBody: { required: true, schema: schemaRef('RaiseWarningRequest') },
    responses: {
      201: { description: 'Raised', schema: schemaRef('Warning') },
      200: {
        description: 'The active warning with this code, repeat counted',
        schema: schemaRef('Warning'),
      },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      404: err('Unknown machine'),
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const id = await machineId(req);
      const code = text(req.body, 'code') ?? null;
      const message = text(req.body, 'message', 'warning') ?? code;
      if (message === null)
        throw RestError.badInput('message (or warning) is required', { field: 'message' });
      const { data } = await machineInPath(id, () =>
        req.call.run<{ raiseWarning: Json & { repeatCount: number } }>(Q.raiseWarning, {
          input: { machineId: id, message, code },
        }),
      );
      const deduplicated = data.raiseWarning.repeatCount > 1;
      return { status: deduplicated ? 200 : 201, body: { ...data.raiseWarning, deduplicated } };
    },
  },
  {
    method: 'delete',
    path: '/api/machines/{machineId}/warnings/',
    operationId: 'clearWarningByCode',
    summary: 'Clear the warning a sensor raised with `code` (staff, or warnings:write)',
    description: 'Clearing is idempotent: an already cleared warning is returned unchanged.',
    tag: 'warnings',
    idempotent: true,
    parameters: [
      machineParam,
      {
        name: 'code',
        in: 'query',
        required: true,
        description: 'The condition code, e.g. TEMP_HIGH',
        schema: { type: 'string' },
      },
    ],
    responses: {
      200: { description: 'Cleared', schema: schemaRef('Warning') },
      400: err('Missing or invalid code'),
      ...AUTH_ERRORS,
      404: err('Unknown machine, or no warning with this code on it'),
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const code = req.query.code;
      if (!code) throw RestError.badInput('code is required', { field: 'code' });
      const id = await machineId(req);
      const { data } = await req.call.run<{ clearWarning: Json }>(Q.clearWarning, {
        machineId: id,
        code,
      });
      return { status: 200, body: data.clearWarning };
    },
  },
  {
    method: 'delete',
    path: '/api/machines/{machineId}/warnings/{warningId}/',
    operationId: 'clearWarning',
    summary:
      'Clear one warning of the machine (staff, or warnings:write; an asset code in the path also needs machines:read)',
    tag: 'warnings',
    idempotent: true,
    parameters: [
      machineParam,
      { name: 'warningId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ],
    responses: {
      200: { description: 'Cleared', schema: schemaRef('Warning') },
      ...AUTH_ERRORS,
      404: err('Unknown machine, or no such warning on it'),
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      const warningId = uuidParam(req, 'warningId', 'Warning');
      // The warning must belong to the machine in the path: the mutation checks that.
      const { data } = await req.call.run<{ clearWarning: Json }>(Q.clearWarning, {
        id: warningId,
        machineId: await machineId(req),
      });
      return { status: 200, body: data.clearWarning };
    },
  },
];

/** Served beside the table's routes (the document describes itself too). */
export const OPENAPI_PATH = '/api/openapi.json';
