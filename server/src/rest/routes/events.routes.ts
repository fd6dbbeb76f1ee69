import { isUuid } from '../../common/ids.js';
import { CSV_MEDIA_TYPE } from '../../common/csv.js';
import { REPAIR_LOG_COLUMNS, writeRepairLogCsv } from '../../modules/events/machine-event.csv.js';
import type { MachineEventFilterInput } from '../../modules/events/machine-event.service.js';
import { MachineEventType } from '../../modules/events/machine-event.type.js';
import { RestError } from '../errors.js';
import { readQueryInput } from '../request-input.js';
import type { ParameterObject } from '../schemas.js';
import { AUTH_ERRORS, err } from './docs.js';
import { enumList } from './inputs.js';
import type { FileExchange, FileRouteSpec } from './route.js';

/** The repair log as a download: the `machineEvents` query's filter and rule, as CSV. */

const MAX_IDS = 100;

const listParam = (name: string, description: string, format?: string): ParameterObject => ({
  name,
  in: 'query',
  description: `${description}; repeat the parameter or comma-separate`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string', ...(format ? { format } : {}) } },
});

const timeParam = (name: string, description: string): ParameterObject => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', format: 'date-time' },
});

const PARAMETERS: ParameterObject[] = [
  listParam('buildingIds', 'Only events of these buildings (ids)', 'uuid'),
  listParam('machineIds', 'Only events of these machines (ids)', 'uuid'),
  listParam('types', `Only these event types: ${Object.values(MachineEventType).join(', ')}`),
  listParam('actorIds', 'Only changes made by these users or API clients (ids)', 'uuid'),
  timeParam(
    'from',
    'Events at or after this time (ISO 8601 with a zone, e.g. 2026-11-01T00:00:00Z)',
  ),
  timeParam('to', 'Events before this time'),
];

export const EVENT_ROUTES: FileRouteSpec[] = [
  {
    method: 'get',
    path: '/api/events.csv',
    operationId: 'exportRepairLog',
    summary:
      'The repair log as CSV (signed-in users; repair staff get fault events of their own cases)',
    description:
      'The `machineEvents` query of the same filter, newest first, as one CSV download: UTF-8 with a byte order mark, ' +
      'RFC 4180 (comma, CRLF, quoted where needed), text cells beginning with `=`, `+`, `-`, `@`, a tab or a carriage return ' +
      "prefixed with `'` so spreadsheets do not run them as formulas. Columns: " +
      `${REPAIR_LOG_COLUMNS.join(', ')}. ` +
      'Streamed from the database as it is written, so a year of history downloads without the server holding it. ' +
      'Who may read what is the query’s rule: API clients 403, display links 403.',
    tag: 'events',
    parameters: PARAMETERS,
    responses: {
      200: {
        description: 'The CSV',
        content: { 'text/csv': { schema: { type: 'string' } } },
        headers: {
          'Content-Disposition':
            '`attachment; filename="repair-log-<from>-<to>.csv"` (dates as YYYY-MM-DD; `start` and today when not given)',
        },
      },
      400: err(
        'BAD_USER_INPUT: a malformed id, unknown event type, or a time that is not ISO 8601 (`details.field`, `details.in: query`)',
      ),
      ...AUTH_ERRORS,
    },
    handle: exportRepairLog,
  },
];

async function exportRepairLog({ req, res, ctx, actor }: FileExchange): Promise<void> {
  const { query, lists } = readQueryInput(req, { parameters: PARAMETERS });
  const filter: MachineEventFilterInput = {
    buildingIds: idList(lists.buildingIds, 'buildingIds'),
    machineIds: idList(lists.machineIds, 'machineIds'),
    actorIds: idList(lists.actorIds, 'actorIds'),
    types: enumList(lists.types, 'types', Object.values(MachineEventType)) ?? null,
    from: time(query.from, 'from'),
    to: time(query.to, 'to'),
  };
  const filename = `repair-log-${day(filter.from) ?? 'start'}-${day(filter.to) ?? day(new Date())}.csv`;
  // The rule runs before the first byte: a refusal is still a JSON error with its status.
  await writeRepairLogCsv(ctx.em, actor, filter, res, () => {
    res.status(200);
    res.setHeader('Content-Type', CSV_MEDIA_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
  });
  res.end();
}

function idList(values: string[] | undefined, field: string): string[] | null {
  const ids = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) return null;
  if (ids.length > MAX_IDS)
    throw RestError.badInput(`${field} may list at most ${MAX_IDS} ids`, { field, in: 'query' });
  for (const id of ids)
    if (!isUuid(id))
      throw RestError.badInput(`${field} holds a malformed id`, { field, in: 'query' });
  return ids.map((id) => id.toLowerCase());
}

/** ISO 8601 with a date and, when a time is given, a zone: a local time would be a guess. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

function time(value: string | undefined, field: string): Date | null {
  if (value === undefined || value === '') return null;
  const at = ISO_TIME.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime()))
    throw RestError.badInput(
      `${field} must be an ISO 8601 time with a zone, e.g. 2026-11-01T00:00:00Z`,
      {
        field,
        in: 'query',
      },
    );
  return at;
}

function day(value: Date | null | undefined): string | undefined {
  return value ? value.toISOString().slice(0, 10) : undefined;
}
