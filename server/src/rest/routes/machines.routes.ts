import { isUuid } from '../../common/ids.js';
import { RestError } from '../errors.js';
import type { GraphqlCall } from '../graphql-call.js';
import { schemaRef } from '../schemas.js';
import { AUTH_ERRORS, BODY_ERRORS, err, IDEMPOTENCY_ERRORS, pageParams } from './docs.js';
import { list, page, pageArgs, requireText, text, type Connection, type Json } from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RouteSpec } from './route.js';

/** The board: machines with their live status (spec §4.1). */

/** A building by name, ignoring case (null when there is none). */
async function buildingByName(call: GraphqlCall, name: string): Promise<string | null> {
  const wanted = name.trim().toLowerCase();
  const { data } = await call.run<{ buildings: { id: string; name: string }[] }>(Q.buildings);
  // Names are unique ignoring case, so at most one matches.
  return data.buildings.find((b) => b.name.toLowerCase() === wanted)?.id ?? null;
}

export const MACHINE_ROUTES: RouteSpec[] = [
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
];
