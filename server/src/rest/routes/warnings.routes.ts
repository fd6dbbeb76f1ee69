import { RestError } from '../errors.js';
import { schemaRef } from '../schemas.js';
import { AUTH_ERRORS, BODY_ERRORS, err, IDEMPOTENCY_ERRORS, machineParam } from './docs.js';
import { MAX_SENSOR_REPORTS } from '../../modules/warnings/sensor-report.types.js';
import { machineId, machineInPath, text, uuidParam, type Json } from './inputs.js';
import { REST_OPERATIONS as Q } from './operations.js';
import type { RouteSpec } from './route.js';

/**
 * Warnings on a machine, e.g. from sensors: raised, cleared by code or by id (spec §4.3); and a
 * gateway's batch of sensor reports for many machines at once (spec §3.2's generic endpoint).
 */

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
  {
    method: 'post',
    path: '/api/sensor-reports/',
    operationId: 'reportSensorConditions',
    summary:
      'Report sensor conditions of many machines at once (MANAGER, TECHNICIAN, or warnings:write)',
    description: `Up to ${MAX_SENSOR_REPORTS} reports, applied in order in one transaction: \`active: true\` raises the code's warning or counts a repeat, \`active: false\` clears it. A malformed report refuses the whole batch (400, nothing written); a report naming an unknown machine, one of another building, or an archived one (for a raise) is refused in its own result while the others apply. \`machineId\` is the machine's id (an asset code needs a lookup: GET /api/machines/{assetCode}/).`,
    tag: 'warnings',
    idempotent: true,
    requestBody: { required: true, schema: schemaRef('SensorReportsRequest') },
    responses: {
      200: {
        description: 'Applied; one result per report',
        schema: schemaRef('SensorReportsResult'),
      },
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      ...IDEMPOTENCY_ERRORS,
    },
    async handle(req) {
      // Signed out, the schema refuses the call before it looks at the reports.
      const reports = req.ctx.actor ? sensorReports(req.body) : [];
      const { data } = await req.call.run<{ reportSensorConditions: Json[] }>(
        Q.reportSensorConditions,
        { input: { reports } },
      );
      return { status: 200, body: { results: data.reportSensorConditions } };
    },
  },
];

/** The body's reports with the types GraphQL expects; the service checks their values. */
function sensorReports(body: Json): Json[] {
  const reports = body.reports;
  if (!Array.isArray(reports))
    throw RestError.badInput('reports must be an array of reports', { field: 'reports' });
  return reports.map((report: unknown, i) => {
    if (report === null || typeof report !== 'object' || Array.isArray(report))
      throw RestError.badInput(`reports.${i} must be an object`, { field: `reports.${i}` });
    const r = report as Json;
    const field = (name: string, type: string, optional = false) => {
      const value = r[name];
      if ((optional && value == null) || typeof value === type) return value ?? null;
      const field = `reports.${i}.${name}`;
      throw RestError.badInput(`${field} must be a ${type}`, { field });
    };
    return {
      machineId: field('machineId', 'string'),
      code: field('code', 'string'),
      active: field('active', 'boolean'),
      message: field('message', 'string', true),
    };
  });
}
