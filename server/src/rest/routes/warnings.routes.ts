import { RestError } from '../errors.js';
import { schemaRef } from '../schemas.js';
import { AUTH_ERRORS, BODY_ERRORS, err, IDEMPOTENCY_ERRORS, machineParam } from './docs.js';
import { machineId, machineInPath, text, uuidParam, type Json } from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RouteSpec } from './route.js';

/** Warnings on a machine, e.g. from sensors: raised, cleared by code or by id (spec §4.3). */

export const WARNING_ROUTES: RouteSpec[] = [
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
      // Without message or warning the code is the message: errors name what was sent.
      const messageName = ['message', 'warning'].find((n) => req.body[n] != null) ?? 'code';
      const { data } = await machineInPath(id, () =>
        req.call.run<{ raiseWarning: Json & { repeatCount: number } }>(
          Q.raiseWarning,
          { input: { machineId: id, message, code } },
          { message: messageName },
        ),
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
      if (!code) throw RestError.badInput('code is required', { field: 'code', in: 'query' });
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
      const { data } = await req.call.run<{ clearWarning: Json }>(
        Q.clearWarning,
        { id: warningId, machineId: await machineId(req) },
        { id: 'warningId' },
      );
      return { status: 200, body: data.clearWarning };
    },
  },
];
