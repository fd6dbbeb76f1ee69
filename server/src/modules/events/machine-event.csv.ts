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
  machine_id: string;
  building_id: string;
  actor_user_id: string | null;
  actor_api_client_id: string | null;
  fault_case_id: string | null;
  severity: string | null;
}

/**
 * Names of the log's few other things (machines, buildings, people, API clients), read once
 * per export: joining them to a million events costs the database three times the events'
 * own scan. They grow with the plant, not with its history.
 */
interface Names {
  machines: Map<string, { assetCode: string; name: string }>;
  buildings: Map<string, string>;
  users: Map<string, string>;
  clients: Map<string, string>;
}

async function loadNames(em: EntityManager): Promise<Names> {
  const [machines, buildings, users, clients] = await Promise.all([
    em.execute<{ id: string; asset_code: string; name: string }[]>(
      'select id, asset_code, name from machines',
    ),
    em.execute<{ id: string; name: string }[]>('select id, name from buildings'),
    em.execute<{ id: string; name: string }[]>('select id, name from users'),
    em.execute<{ id: string; name: string }[]>('select id, name from api_clients'),
  ]);
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return {
    machines: new Map(machines.map((m) => [m.id, { assetCode: m.asset_code, name: m.name }])),
    buildings: byId(buildings),
    users: byId(users),
    clients: byId(clients),
  };
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
      raw('e.machine_id as machine_id'),
      raw('e.building_id as building_id'),
      raw('e.actor_user_id as actor_user_id'),
      raw('e.actor_api_client_id as actor_api_client_id'),
      raw('fc.id as fault_case_id'),
      raw('fc.severity as severity'),
    ])
    .leftJoin('e.faultCase', 'fc')
    .orderBy({ id: 'desc' });

  const names = await loadNames(em);
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
    buffer += csvRow(cellsOf(row as LogRow, names));
    rows += 1;
    // Leaving the loop closes the cursor (the generator's return).
    if (buffer.length >= WRITE_BYTES && !(await flush())) return rows;
  }
  if (buffer) await flush();
  return rows;
}

function cellsOf(row: LogRow, names: Names): CsvValue[] {
  const data =
    typeof row.data === 'string'
      ? (JSON.parse(row.data) as Record<string, unknown>)
      : (row.data ?? {});
  const machine = names.machines.get(row.machine_id);
  return [
    new Date(row.at),
    Number(row.id),
    names.buildings.get(row.building_id),
    machine?.assetCode,
    machine?.name,
    row.type,
    summaryOf(row.type, row.from_status, row.to_status, data),
    row.actor_user_id
      ? names.users.get(row.actor_user_id)
      : row.actor_api_client_id
        ? names.clients.get(row.actor_api_client_id)
        : null,
    row.actor_user_id ? 'USER' : row.actor_api_client_id ? 'API_CLIENT' : 'SYSTEM',
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
