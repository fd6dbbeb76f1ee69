import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { inTransaction } from '../../db/transaction.js';
import type { EventBus } from '../../events/event-bus.js';
import type { ServiceContext } from '../../graphql/context.js';
import type { SensorReport } from './sensor-report.plan.js';
import { SensorReportService } from './sensor-report.service.js';
import { MAX_SENSOR_REPORTS, type SensorReportResult } from './sensor-report.types.js';

/**
 * Group commit for sensors that post one message per request. While one transaction of a
 * caller's reports runs, that caller's next reports wait, and go together in the next one:
 * a gateway posting 2,000 messages a second then costs tens of transactions a second, not
 * thousands, and each message still gets its own answer. An idle caller's report starts at
 * once, so nothing waits on a timer. The batch path (sensor-report.service.ts) gives the same
 * rows and events as one report at a time, in the order the reports arrived.
 *
 * Lanes are per caller, so a batch has one actor (its events record it), and per running app
 * (its bus), since tests run several apps in one process.
 *
 * A request with an Idempotency-Key joins too: its key is claimed in the shared transaction,
 * so it is stored with exactly that request's write, or not at all. A key another request
 * holds leaves that one request out (it answers with the holder's outcome); the others apply.
 */

interface Waiting {
  report: SensorReport;
  ctx: ServiceContext;
  resolve: (result: SensorReportResult) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  actor: Actor;
  waiting: Waiting[];
  running: boolean;
}

const lanesByApp = new WeakMap<EventBus, Map<string, Lane>>();

/**
 * One checked report, applied in this caller's next transaction. A request that sets its own
 * clock (the demo's back-dated writes) runs alone.
 */
export function reportInGroup(
  ctx: ServiceContext,
  actor: Actor,
  report: SensorReport,
): Promise<SensorReportResult> {
  if (ctx.clock) {
    return new SensorReportService(ctx).applyChecked(actor, [report]).then(([r]) => r!);
  }
  let lanes = lanesByApp.get(ctx.bus);
  if (!lanes) lanesByApp.set(ctx.bus, (lanes = new Map()));
  const key = `${actor.kind}:${actor.id}`;
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { actor, waiting: [], running: false }));
  const result = new Promise<SensorReportResult>((resolve, reject) =>
    lane.waiting.push({ report, ctx, resolve, reject }),
  );
  if (!lane.running) void drain(lanes, key, lane);
  return result;
}

async function drain(lanes: Map<string, Lane>, key: string, lane: Lane): Promise<void> {
  lane.running = true;
  while (lane.waiting.length > 0) {
    const batch = lane.waiting.splice(0, MAX_SENSOR_REPORTS);
    // The first request's context carries the transaction; each report's refusal is
    // recorded in its own request's audit log.
    const service = new SensorReportService(batch[0]!.ctx);
    try {
      let claims: Claims = { claimed: [], unclaimed: [] };
      const written = await inTransaction(batch[0]!.ctx.em, async (tx) => {
        claims = await claimEach(tx, batch);
        const { claimed } = claims;
        if (claimed.length === 0) return null;
        return service.write(
          tx,
          lane.actor,
          claimed.map((w) => w.report),
          (index, reason) => claimed[index]!.ctx.audit?.denied(reason),
        );
      });
      if (written) await service.publish(written);
      claims.claimed.forEach((w, i) => w.resolve(written!.plan.results[i]!));
      for (const [w, error] of claims.unclaimed) w.reject(error);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
  lane.running = false;
  lanes.delete(key);
}

interface Claims {
  claimed: Waiting[];
  unclaimed: [Waiting, AppError][];
}

/**
 * Claims each request's write guard (its Idempotency-Key) in `tx`. A key another request
 * holds is answered without a statement failing, so the transaction goes on for the others;
 * any other failure fails the batch.
 */
async function claimEach(tx: EntityManager, batch: readonly Waiting[]): Promise<Claims> {
  const claims: Claims = { claimed: [], unclaimed: [] };
  for (const w of batch) {
    try {
      await w.ctx.writeGuard?.enter(tx);
      claims.claimed.push(w);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      claims.unclaimed.push([w, error]);
    }
  }
  return claims;
}
