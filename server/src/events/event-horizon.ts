import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Event ids come from a sequence at INSERT time, while their transactions commit in another
 * order and without a plant-wide lock: a reader that has seen id 101 may later find id 100
 * commit. So no reader hands out an id before every smaller id is final (committed or rolled
 * back). A horizon mark proves that for a whole range at once:
 *
 * - `upToId` is the sequence's last value, read first;
 * - `xid` is a transaction id assigned to the marking statement right after that read.
 *
 * Every writer has a transaction id before it takes an event id (it locks or inserts its
 * machine row first: machine-writer.ts), and transaction ids are handed out in increasing
 * order, so every transaction that took an id up to `upToId` has a smaller transaction id
 * than `xid`. Once no transaction older than `xid` is running in this database, every id up
 * to `upToId` is final, and any statement from then on sees exactly the
 * committed ones. Ids stay one plant-wide cursor; no writer waits for another.
 *
 * The price: delivery waits for the oldest writing transaction running at the mark (read-only
 * transactions have no transaction id and hold nothing back). A writer that stays open holds
 * every live board back until it ends; `idle_in_transaction_session_timeout` bounds that.
 */
export interface HorizonMark {
  upToId: number;
  /** The marking statement's own transaction id (xid8, as text). */
  xid: string;
}

export async function markHorizon(em: EntityManager): Promise<HorizonMark> {
  // One statement, in this order: the sequence row is scanned before the projection assigns
  // the transaction id (an autocommitted statement: it ends at once, holding nothing back).
  const [row] = await em.execute<{ up_to: string; xid: string }[]>(
    `select case when is_called then last_value else last_value - 1 end as up_to,
            pg_current_xact_id()::text as xid
       from machine_events_id_seq`,
  );
  return { upToId: Number(row!.up_to), xid: row!.xid };
}

/**
 * True once no transaction of this database older than the mark's is running. Transactions of
 * other databases on the same PostgreSQL server never write our events, so they are not waited
 * for (the snapshot's xmin would count them: a CREATE DATABASE elsewhere would hold every board
 * back). A backend's transaction id is shown until its end is visible to new snapshots, so
 * once none is shown, every statement from now on sees all of them as ended.
 */
export async function isFinal(em: EntityManager, mark: HorizonMark): Promise<boolean> {
  const [row] = await em.execute<{ final: boolean }[]>(
    `select not exists (
       select 1 from pg_stat_activity a
        where a.datname = current_database() and a.backend_xid is not null
          and age(a.backend_xid) >= age(xid(?::xid8))) as final`,
    [mark.xid],
  );
  return row?.final === true;
}

/** Back-off while writers still run: a write takes milliseconds, a slow one longer. */
const POLL_DELAYS_MS = [0, 1, 2, 5, 10, 20, 50, 100];

/**
 * Marks the horizon and waits until it is final; resolves with the highest id whose range is
 * final, or undefined if `stopped` turned true while waiting.
 */
export async function finalHead(
  em: () => EntityManager,
  stopped: () => boolean = () => false,
): Promise<number | undefined> {
  const mark = await markHorizon(em());
  for (let attempt = 0; ; attempt++) {
    const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)]!;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
    if (stopped()) return undefined;
    if (await isFinal(em(), mark)) return mark.upToId;
  }
}
