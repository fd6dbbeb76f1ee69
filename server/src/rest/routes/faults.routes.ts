import { FaultStatus, Severity } from '../../modules/faults/fault-case.enums.js';
import { wasDeduplicated } from '../../modules/faults/fault-case.service.js';
import { RestError } from '../errors.js';
import { PAGE_NAMES } from '../field-names.js';
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
  enumField,
  enumList,
  integerField,
  machineId,
  machineInPath,
  page,
  pageArgs,
  requireText,
  text,
  uuidParam,
  type Connection,
  type Json,
} from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RouteSpec } from './route.js';

/** Fault cases: listed per machine, opened on a machine, resolved (spec §4.2). */

export const DEFAULT_RESOLUTION_NOTE = 'Resolved via API';

export const FAULT_ROUTES: RouteSpec[] = [
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
        description:
          'OPEN, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, any case; repeat (`?status=OPEN&status=RESOLVED`) or comma-separate',
        style: 'form',
        explode: true,
        schema: { type: 'array', items: { type: 'string' } },
      },
      ...pageParams,
    ],
    responses: {
      200: { description: 'One page of cases', schema: schemaRef('FaultCaseList') },
      400: err('Invalid filter, or a single-valued parameter given twice'),
      404: err('Unknown machine'),
      ...AUTH_ERRORS,
    },
    async handle(req) {
      const id = await machineId(req);
      const statuses = enumList(req.lists.status, 'status', Object.values(FaultStatus));
      const { data } = await req.call.run<{ faultCases: Connection<Json> }>(
        Q.machineFaults,
        { id, filter: { machineIds: [id], ...(statuses ? { statuses } : {}) }, ...pageArgs(req) },
        { ...PAGE_NAMES, statuses: 'status', id: 'machineId', machineIds: 'machineId' },
      );
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
      const severity = enumField(req.body, 'severity', Object.values(Severity));
      if (severity === undefined)
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
      const noteNames = ['resolution_note', 'resolutionNote', 'note'];
      const note = text(req.body, ...noteNames) ?? DEFAULT_RESOLUTION_NOTE;
      const noteName = noteNames.find((n) => req.body[n] != null) ?? 'resolution_note';
      const expectedVersion = integerField(req.body, 'expectedVersion') ?? null;
      const { data } = await req.call.run<{ resolveFaultCase: Json }>(
        Q.resolveFault,
        { id, note, expectedVersion },
        { id: 'faultId', note: noteName, resolutionNote: noteName },
      );
      return { status: 200, body: data.resolveFaultCase };
    },
  },
];
