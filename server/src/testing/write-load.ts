import pg from 'pg';
import { deriveStatus } from '../modules/machines/machine.status.js';

/**
 * A steady write load for fault tests: workers raising warnings (each with a message of its
 * own) and clearing some of them again, through the real HTTP API. Every answer is kept:
 * a success is an acknowledged write that must be in the database exactly once afterwards.
 */

export interface LoadTally {
  /** Messages of warnings whose raise was answered with success, and the ids given. */
  raised: Map<string, string>;
  /** Warning ids whose clear was answered with success. */
  cleared: Set<string>;
  /** Answers by kind: `200`, `503 SERVICE_UNAVAILABLE`, `network`, or anything else seen. */
  answers: Map<string, number>;
  /** Messages whose request got no answer at all (the connection failed). */
  unanswered: Set<string>;
  /** Time of each successful write (ms since epoch). */
  successes: number[];
}

export interface WriteLoad {
  tally: LoadTally;
  stop(): Promise<LoadTally>;
}

const RAISE = `mutation ($m: ID!, $msg: String!) { raiseWarning(input: { machineId: $m, message: $msg }) { id } }`;
const CLEAR = `mutation ($id: ID!) { clearWarning(id: $id) { id clearedAt } }`;

export function startWriteLoad(options: {
  url: () => string;
  token: string;
  machineIds: string[];
  workers: number;
  prefix: string;
  /** Pause between a worker's requests (ms). */
  pauseMs?: number;
}): WriteLoad {
  const tally: LoadTally = {
    raised: new Map(),
    cleared: new Set(),
    answers: new Map(),
    unanswered: new Set(),
    successes: [],
  };
  let running = true;
  const count = (kind: string) => tally.answers.set(kind, (tally.answers.get(kind) ?? 0) + 1);

  async function send(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<{ data?: Record<string, { id: string }> } | 'no answer' | undefined> {
    let res: Response;
    try {
      res = await fetch(`${options.url()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      count('network');
      return 'no answer';
    }
    let body: {
      data?: Record<string, { id: string }>;
      errors?: { extensions?: { code?: string } }[];
    };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      count(`${res.status} unreadable`);
      return undefined;
    }
    const code = body.errors?.[0]?.extensions?.code;
    if (res.status === 200 && !body.errors && body.data) {
      count('200');
      tally.successes.push(Date.now());
      return body;
    }
    count(`${res.status} ${code ?? ''}`.trim());
    return undefined;
  }

  async function worker(index: number): Promise<void> {
    const mine: string[] = [];
    for (let n = 0; running; n++) {
      const message = `${options.prefix}-${index}-${n}`;
      const machineId = options.machineIds[(index + n) % options.machineIds.length]!;
      const answer = await send(RAISE, { m: machineId, msg: message });
      if (answer === 'no answer') {
        tally.unanswered.add(message);
      } else if (answer?.data) {
        const id = answer.data.raiseWarning!.id;
        tally.raised.set(message, id);
        mine.push(id);
      }
      if (n % 3 === 2 && mine.length > 0 && running) {
        const id = mine.shift()!;
        const cleared = await send(CLEAR, { id });
        if (cleared !== 'no answer' && cleared?.data) tally.cleared.add(id);
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  }

  const workers = Array.from({ length: options.workers }, (_, i) => worker(i));
  return {
    tally,
    async stop() {
      running = false;
      await Promise.all(workers);
      return tally;
    },
  };
}

/** Reads the database directly (the server may be gone) and checks every acknowledged write. */
export async function auditWrites(
  url: string,
  prefix: string,
  tally: LoadTally,
): Promise<{
  /** Acknowledged raises not stored exactly once: message → times stored. */
  notOnce: Record<string, number>;
  /** Acknowledged clears whose warning is not cleared. */
  notCleared: string[];
  /** Acknowledged raises with no WARNING_RAISED event, or more than one. */
  eventsNotOnce: string[];
  /** Stored warnings of this load whose request got no answer. */
  storedUnanswered: string[];
  /** Machines whose stored status is not the one recomputed from their cases and warnings. */
  statusMismatches: { id: string; stored: string; recomputed: string }[];
  stored: number;
}> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: warnings } = await client.query<{
      id: string;
      message: string;
      cleared: boolean;
      events: string;
    }>(
      `select w.id, w.message, w.cleared_at is not null as cleared,
              (select count(*) from machine_events e
                where e.warning_id = w.id and e.type = 'WARNING_RAISED') as events
         from warnings w where w.message like $1`,
      [`${prefix}-%`],
    );
    const byMessage = new Map<string, number>();
    for (const w of warnings) byMessage.set(w.message, (byMessage.get(w.message) ?? 0) + 1);
    const notOnce: Record<string, number> = {};
    for (const message of tally.raised.keys()) {
      const n = byMessage.get(message) ?? 0;
      if (n !== 1) notOnce[message] = n;
    }
    const byId = new Map(warnings.map((w) => [w.id, w]));
    const notCleared = [...tally.cleared].filter((id) => !byId.get(id)?.cleared);
    const eventsNotOnce = [...tally.raised.values()].filter(
      (id) => Number(byId.get(id)?.events ?? 0) !== 1,
    );
    const storedUnanswered = warnings.map((w) => w.message).filter((m) => tally.unanswered.has(m));
    const { rows: machines } = await client.query<{
      id: string;
      status: string;
      unresolved: string;
      active: string;
    }>(
      `select m.id, m.status,
              (select count(*) from fault_cases f
                where f.machine_id = m.id and f.status <> 'RESOLVED') as unresolved,
              (select count(*) from warnings w
                where w.machine_id = m.id and w.cleared_at is null) as active
         from machines m`,
    );
    const statusMismatches = machines
      .map((m) => ({
        id: m.id,
        stored: m.status,
        recomputed: deriveStatus(Number(m.unresolved), Number(m.active)) as string,
      }))
      .filter((m) => m.stored !== m.recomputed);
    return {
      notOnce,
      notCleared,
      eventsNotOnce,
      storedUnanswered,
      statusMismatches,
      stored: warnings.length,
    };
  } finally {
    await client.end();
  }
}
