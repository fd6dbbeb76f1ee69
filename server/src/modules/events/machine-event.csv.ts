import { raw } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Actor } from '../../common/actor.js';
import { CSV_BOM, csvRow, type CsvValue } from '../../common/csv.js';
import { MachineEvent } from './machine-event.entity.js';
import { readableEvents, type MachineEventFilterInput } from './machine-event.service.js';
import { MachineEventType } from './machine-event.type.js';

export const REPAIR_LOG_COLUMNS = [
  'time',
  'event_id',
  'building',
  'asset_code',
  'machine',
  'event',
  'summary',
  'actor',
  'actor_kind',
  'fault_case_id',
  'severity',
  'from_status',
  'to_status',
] as const;

/** Rows PostgreSQL hands over per round trip of the cursor; the rest waits in the database. */
const CURSOR_CHUNK = 2000;
/** Lines are gathered into writes of about this size (one write per row costs more than the row). */
const WRITE_BYTES = 64 * 1024;

interface LogRow {
  id: string | number;
  at: Date | string;
  type: MachineEventType;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown> | string | null;
  building_name: string | null;
  asset_code: string | null;
  machine_name: string | null;
  user_name: string | null;
  client_name: string | null;
  fault_case_id: string | null;
  severity: string | null;
}

/**
 * Writes the repair log of `filter` as CSV, newest first, to `out`. The rows are those
 * `machineEvents` gives this reader (the same `readableEvents` rule), so what a page shows
 * and what a download holds cannot differ. Every cell is one the query shows this reader:
 * repair staff get fault events only of cases assigned to them, whose detail (the actor,
 * the quoted text) they read anyway.
 *
 * Streamed through a PostgreSQL cursor: a chunk of rows is fetched only when the previous
 * one is written and `out` has drained, so memory does not grow with the number of rows
 * and a slow client slows the query instead of filling the heap. Stops early, closing the
 * cursor, when `out` goes away. Returns the number of rows written.
 */
export async function writeRepairLogCsv(
  em: EntityManager,
  actor: Actor,
  filter: MachineEventFilterInput,
  out: Writable,
  beforeFirstRow?: () => void,
): Promise<number> {
  // The rule is written as an ORM filter (findPage takes it); the query builder types its
  // filters apart, though it reads the same shape.
  const where = readableEvents(actor, filter) as QBFilterQuery<MachineEvent, 'e'>;
  const qb = em
    .createQueryBuilder(MachineEvent, 'e')
    .where(where)
    .select([
      'e.id',
      'e.at',
      'e.type',
      raw('e.from_status as from_status'),
      raw('e.to_status as to_status'),
      'e.data',
      raw('(select b.name from buildings b where b.id = e.building_id) as building_name'),
      raw('m.asset_code as asset_code'),
      raw('m.name as machine_name'),
      raw('u.name as user_name'),
      raw('c.name as client_name'),
      raw('fc.id as fault_case_id'),
      raw('fc.severity as severity'),
    ])
    .leftJoin('e.machine', 'm')
    .leftJoin('e.actorUser', 'u')
    .leftJoin('e.actorApiClient', 'c')
    .leftJoin('e.faultCase', 'fc')
    .orderBy({ id: 'desc' });

  let started = false;
  let buffer = CSV_BOM + csvRow(REPAIR_LOG_COLUMNS);
  let rows = 0;
  const closed = new Promise<void>((resolve) => out.once('close', resolve));
  const flush = async (): Promise<boolean> => {
    if (out.destroyed) return false;
    // Headers go with the first bytes: a query that fails before them is still a JSON error.
    if (!started) {
      started = true;
      beforeFirstRow?.();
    }
    const more = out.write(buffer);
    buffer = '';
    if (!more) await Promise.race([once(out, 'drain'), closed]);
    return !out.destroyed;
  };

  // Raw rows: mapping them would rename columns that are also entity fields (fault_case_id).
  const stream = qb.stream({ rawResults: true, chunkSize: CURSOR_CHUNK }) as AsyncIterable<unknown>;
  for await (const row of stream) {
    buffer += csvRow(cellsOf(row as LogRow));
    rows += 1;
    // Leaving the loop closes the cursor (the generator's return).
    if (buffer.length >= WRITE_BYTES && !(await flush())) return rows;
  }
  if (buffer) await flush();
  return rows;
}

function cellsOf(row: LogRow): CsvValue[] {
  const data =
    typeof row.data === 'string'
      ? (JSON.parse(row.data) as Record<string, unknown>)
      : (row.data ?? {});
  return [
    new Date(row.at),
    Number(row.id),
    row.building_name,
    row.asset_code,
    row.machine_name,
    row.type,
    summaryOf(row.type, row.from_status, row.to_status, data),
    row.user_name ?? row.client_name,
    row.user_name ? 'USER' : row.client_name ? 'API_CLIENT' : 'SYSTEM',
    row.fault_case_id,
    row.severity,
    row.from_status,
    row.to_status,
  ];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A line a person reads, from what the event already carries (no further query). */
export function summaryOf(
  type: MachineEventType,
  fromStatus: string | null,
  toStatus: string | null,
  data: Record<string, unknown>,
): string | null {
  switch (type) {
    case MachineEventType.STATUS_CHANGED:
      return `${fromStatus ?? '?'} → ${toStatus ?? '?'}`;
    case MachineEventType.WARNING_RAISED:
    case MachineEventType.WARNING_CLEARED:
      return text(data.message);
    case MachineEventType.FAULT_OPENED:
      return text(data.description);
    case MachineEventType.FAULT_ASSIGNED:
      return text(data.assigneeName);
    case MachineEventType.FAULT_NOTE_ADDED:
      return text(data.body);
    case MachineEventType.FAULT_RESOLVED:
      return text(data.resolutionNote);
    case MachineEventType.FAULT_REOPENED:
      return text(data.reason);
    case MachineEventType.FAULT_ACKNOWLEDGED:
    case MachineEventType.FAULT_STARTED:
      return text(data.from) && text(data.to) ? `${text(data.from)} → ${text(data.to)}` : null;
    case MachineEventType.MACHINE_CREATED:
      return text(data.name);
    default:
      return null;
  }
}
