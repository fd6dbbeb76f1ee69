import { isUuid } from '../../common/ids.js';
import { MachineStatus } from '../../modules/machines/machine.status.js';
import { RestError } from '../errors.js';
import { PAGE_NAMES } from '../field-names.js';
import type { GraphqlCall } from '../graphql-call.js';
import { schemaRef } from '../schemas.js';
import {
  AUTH_ERRORS,
  BODY_ERRORS,
  err,
  IDEMPOTENCY_ERRORS,
  machineParam,
  pageParams,
} from './docs.js';
import {
  enumList,
  integerField,
  machineId,
  page,
  pageArgs,
  requireText,
  text,
  type Connection,
  type Json,
} from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RestRequest, RouteSpec } from './route.js';

/** The board: machines with their live status (spec §4.1), added and archived by managers. */

const EMPTY_PAGE = { items: [], totalCount: 0, nextCursor: null };

/** Building ids for `?building=` values (ids or names, ignoring case); unknown names drop out. */
async function buildingIds(call: GraphqlCall, refs: string[]): Promise<string[]> {
  const ids = refs.filter((ref) => isUuid(ref));
  const names = refs.filter((ref) => !isUuid(ref)).map((name) => name.toLowerCase());
  if (names.length > 0) {
    const { data } = await call.run<{ buildings: { id: string; name: string }[] }>(Q.buildings);
    // Names are unique ignoring case, so each matches at most one.
    for (const b of data.buildings) if (names.includes(b.name.toLowerCase())) ids.push(b.id);
  }
  return [...new Set(ids)];
}

async function listMachines(req: RestRequest) {
  const filter: Json = {};
  const buildings = (req.lists.building ?? []).map((b) => b.trim()).filter(Boolean);
  if (buildings.length > 0) {
    const ids = await buildingIds(req.call, buildings);
    if (ids.length === 0) return { status: 200, body: EMPTY_PAGE };
    filter.buildingIds = ids;
  }
  const statuses = enumList(req.lists.status, 'status', Object.values(MachineStatus));
  if (statuses) filter.statuses = statuses;
  const assigned = req.query.assigned?.trim();
  if (assigned) {
    if (assigned.toLowerCase() === 'me') filter.onlyAssignedToMe = true;
    else if (['any', 'all'].includes(assigned.toLowerCase())) filter.onlyAssignedToMe = false;
    else if (isUuid(assigned)) filter.assignedTechnicianId = assigned;
    else
      throw RestError.badInput('assigned must be a technician id, "me" or "any"', {
        field: 'assigned',
        in: 'query',
      });
  }
  if (req.query.search) filter.search = req.query.search;
  const { data } = await req.call.run<{ machines: Connection<Json> }>(
    Q.machines,
    { filter, ...pageArgs(req) },
    {
      ...PAGE_NAMES,
      buildingIds: 'building',
      statuses: 'status',
      assignedTechnicianId: 'assigned',
      onlyAssignedToMe: 'assigned',
    },
  );
  return { status: 200, body: page(data.machines) };
}

async function createMachine(req: RestRequest) {
  const { body } = req;
  const name = requireText(body, 'name');
  const importance = integerField(body, 'importance');
  if (importance === undefined)
    throw RestError.badInput('importance (1 to 5) is required', { field: 'importance' });
  const given = text(body, 'buildingId');
  const locationName = body.location !== undefined ? 'location' : 'building';
  const location = text(body, 'location', 'building');
  if (!given && location === undefined)
    throw RestError.badInput('location (a building name) is required', { field: 'location' });
  if (!given && location!.trim() === '')
    throw RestError.badInput(`${locationName} must name a building`, { field: locationName });
  for (const k of ['line', 'cell']) {
    const v = body[k];
    if (v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number')
      throw RestError.badInput(`${k} must be text or a number`, { field: k });
  }
  const parts = ['line', 'cell'].filter(
    (k) => body[k] !== undefined && body[k] !== null && body[k] !== '',
  );
  const givenDetail = text(body, 'locationDetail');
  const detail =
    givenDetail ??
    (parts.map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${String(body[k])}`).join(', ') || null);
  // One mutation: the building (when new), the machine and its event commit together.
  const { data } = await req.call.run<{ createMachine: Json }>(
    Q.createMachine,
    {
      input: {
        name,
        buildingId: given ?? null,
        buildingName: given ? null : location,
        importance,
        location: detail,
        assetCode: text(body, 'assetCode') ?? null,
      },
    },
    {
      buildingName: locationName,
      location: givenDetail !== undefined ? 'locationDetail' : (parts[0] ?? 'locationDetail'),
    },
  );
  return { status: 201, body: data.createMachine };
}

export const MACHINE_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/machines/',
    operationId: 'listMachines',
    summary: 'Machines with their live status',
    description:
      'Technicians see the machines assigned to them unless `assigned=any`. API clients need `machines:read` and see their buildings only. `building` and `status` take several values (repeat the parameter; `status` also comma-separated) and match any of them; the other parameters may be given once.',
    tag: 'machines',
    parameters: [
      {
        name: 'building',
        in: 'query',
        description:
          'Building id or name (ignoring case); repeat for several: `?building=Hall%201&building=Hall%202`. Unknown names match nothing.',
        style: 'form',
        explode: true,
        schema: { type: 'array', items: { type: 'string' } },
      },
      {
        name: 'status',
        in: 'query',
        description:
          'OK, WARNING, FAULT, any case; repeat (`?status=OK&status=FAULT`) or comma-separate (`?status=ok,fault`)',
        style: 'form',
        explode: true,
        schema: { type: 'array', items: { type: 'string' } },
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
      400: err('Invalid filter, or a single-valued parameter given twice'),
      ...AUTH_ERRORS,
    },
    handle: listMachines,
  },
  {
    method: 'post',
    path: '/api/machines/',
    operationId: 'createMachine',
    summary: 'Add a machine (MANAGER)',
    description:
      '`location` names the building; a building of that name is created when none exists. The answer’s `Location` header is the new machine’s path.',
    tag: 'machines',
    idempotent: true,
    requestBody: { required: true, schema: schemaRef('CreateMachineRequest') },
    responses: {
      201: {
        description: 'Created',
        schema: schemaRef('Machine'),
        headers: { Location: 'The new machine’s path, `/api/machines/<id>/`' },
      },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...IDEMPOTENCY_ERRORS,
    },
    headersFor: ({ status, body }): Record<string, string> => {
      const id = (body as { id?: unknown } | null)?.id;
      return status === 201 && typeof id === 'string' ? { Location: `/api/machines/${id}/` } : {};
    },
    handle: createMachine,
  },
  {
    method: 'get',
    path: '/api/machines/{machineId}/',
    operationId: 'getMachine',
    summary: 'One machine with its live status',
    description: 'API clients need `machines:read` and see their buildings only.',
    tag: 'machines',
    parameters: [machineParam],
    responses: {
      200: { description: 'The machine', schema: schemaRef('Machine') },
      404: err('Unknown machine'),
      ...AUTH_ERRORS,
    },
    async handle(req) {
      const id = await machineId(req);
      const { data } = await req.call.run<{ machine: Json }>(
        Q.machine,
        { id },
        { id: 'machineId' },
      );
      return { status: 200, body: data.machine };
    },
  },
  {
    method: 'delete',
    path: '/api/machines/{machineId}/',
    operationId: 'archiveMachine',
    summary: 'Archive ("delete") a machine (MANAGER)',
    description:
      'The spec’s "delete old ones": the machine is archived, not erased, so its history stays in the repair log. It leaves every board and list. Archiving an archived machine returns it unchanged.',
    tag: 'machines',
    idempotent: true,
    parameters: [machineParam],
    responses: {
      200: { description: 'Archived', schema: schemaRef('Machine') },
      ...AUTH_ERRORS,
      404: err('Unknown machine'),
      409: err(
        'The machine cannot be archived now (e.g. it has unresolved fault cases, listed in details), or the answer for this Idempotency-Key is not stored yet',
      ),
      422: IDEMPOTENCY_ERRORS[422]!,
    },
    async handle(req) {
      const id = await machineId(req);
      const { data } = await req.call.run<{ archiveMachine: Json }>(
        Q.archiveMachine,
        { id },
        { id: 'machineId' },
      );
      return { status: 200, body: data.archiveMachine };
    },
  },
];
