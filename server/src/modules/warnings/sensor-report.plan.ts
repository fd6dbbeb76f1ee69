import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import type { WarningRepeat } from '../../events/warning-repeats.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { deriveStatus, type MachineStatus } from '../machines/machine.status.js';
import { SensorReportOutcome, type SensorReportResult } from './sensor-report.types.js';

/**
 * What a batch of sensor reports does to the machines it names, worked out in memory from
 * their locked rows: the same rules as one raise or clear at a time (machine-writer.ts,
 * warning.service.ts), applied report after report, so a batch leaves exactly the rows and
 * the events that its reports sent one by one would have left.
 */

/** One report, checked and normalised; `message` is the code when none was given. */
export interface SensorReport {
  machineId: string;
  code: string;
  active: boolean;
  message: string;
}

/** A machine as the batch found it (locked), with its active warnings. */
export interface LockedMachine {
  id: string;
  buildingId: string;
  status: MachineStatus;
  archived: boolean;
  unresolvedFaultCase: boolean;
  activeWarnings: { id: string; code: string | null; message: string; repeatCount: number }[];
}

export interface PlannedWarning {
  id: string;
  machineId: string;
  message: string;
  code: string;
  repeatCount: number;
  /** Raised by this batch (an insert), else an update of a row that was active. */
  raised: boolean;
  /** Reported as holding by this batch: its last-seen time moves on. */
  seen: boolean;
  touched: boolean;
  cleared: boolean;
}

export interface PlannedEvent {
  machineId: string;
  buildingId: string;
  type: MachineEventType;
  warningId: string | null;
  fromStatus: MachineStatus | null;
  toStatus: MachineStatus | null;
  data: Record<string, unknown>;
}

export interface SensorBatchPlan {
  results: SensorReportResult[];
  /** Warnings raised or changed, in the order they were first touched. */
  warnings: PlannedWarning[];
  /** Machines whose derived status changed, with the status they end the batch in. */
  statuses: { id: string; status: MachineStatus }[];
  events: PlannedEvent[];
  /** The last count of every repeated warning still active, for the boards. */
  repeats: WarningRepeat[];
}

interface MachineState {
  row: LockedMachine;
  status: MachineStatus;
  activeCount: number;
  byCode: Map<string, PlannedWarning>;
}

/** `denied` hears of a report refused for its building (by its index; for the audit log). */
export function planSensorBatch(
  actor: Actor,
  reports: readonly SensorReport[],
  locked: readonly LockedMachine[],
  now: Date,
  denied: (index: number, buildingId: string) => void,
): SensorBatchPlan {
  const machines = new Map<string, MachineState>();
  const warnings: PlannedWarning[] = [];
  const existing = (row: LockedMachine, w: LockedMachine['activeWarnings'][number]) => {
    const planned: PlannedWarning = {
      id: w.id,
      machineId: row.id,
      message: w.message,
      code: w.code!,
      repeatCount: w.repeatCount,
      raised: false,
      seen: false,
      touched: false,
      cleared: false,
    };
    return [w.code!, planned] as const;
  };
  for (const row of locked) {
    machines.set(row.id, {
      row,
      status: row.status,
      activeCount: row.activeWarnings.length,
      byCode: new Map(
        row.activeWarnings.filter((w) => w.code !== null).map((w) => existing(row, w)),
      ),
    });
  }
  const events: PlannedEvent[] = [];
  const repeats = new Map<string, WarningRepeat>();
  const statusChanged = new Set<MachineState>();
  const touch = (w: PlannedWarning) => {
    if (!w.touched) warnings.push(w);
    w.touched = true;
  };
  const record = (m: MachineState, type: MachineEventType, extra: Partial<PlannedEvent>) =>
    events.push({
      machineId: m.row.id,
      buildingId: m.row.buildingId,
      type,
      warningId: null,
      fromStatus: null,
      toStatus: null,
      data: {},
      ...extra,
    });
  const rederive = (m: MachineState) => {
    const next = deriveStatus(m.row.unresolvedFaultCase ? 1 : 0, m.activeCount);
    if (next === m.status) return;
    record(m, MachineEventType.STATUS_CHANGED, { fromStatus: m.status, toStatus: next });
    m.status = next;
    statusChanged.add(m);
  };

  const results = reports.map((report, index): SensorReportResult => {
    const base = { machineId: report.machineId, code: report.code };
    const refused = (code: string, message: string): SensorReportResult => ({
      ...base,
      outcome: null,
      warningId: null,
      repeatCount: null,
      error: { code, message },
    });
    const done = (outcome: SensorReportOutcome, w: PlannedWarning | null): SensorReportResult => ({
      ...base,
      outcome,
      warningId: w?.id ?? null,
      repeatCount: w?.repeatCount ?? null,
      error: null,
    });
    const m = machines.get(report.machineId);
    if (!m) return refused('NOT_FOUND', 'Unknown machine');
    if (
      actor.kind === 'apiClient' &&
      actor.buildingIds.length > 0 &&
      !actor.buildingIds.includes(m.row.buildingId)
    ) {
      denied(index, m.row.buildingId);
      return refused('FORBIDDEN', 'This API token is not allowed for this building');
    }
    const active = m.byCode.get(report.code);
    if (report.active) {
      if (m.row.archived) return refused('BAD_USER_INPUT', 'This machine is archived');
      if (active) {
        // As one raise at a time: the first report's message and event stand.
        active.repeatCount += 1;
        active.seen = true;
        touch(active);
        repeats.set(active.id, {
          warningId: active.id,
          machineId: m.row.id,
          buildingId: m.row.buildingId,
          code: active.code,
          repeatCount: active.repeatCount,
          lastSeenAt: now,
        });
        return done(SensorReportOutcome.REPEATED, active);
      }
      const raised: PlannedWarning = {
        id: randomUUID(),
        machineId: m.row.id,
        message: report.message,
        code: report.code,
        repeatCount: 1,
        raised: true,
        seen: true,
        touched: false,
        cleared: false,
      };
      touch(raised);
      m.byCode.set(report.code, raised);
      m.activeCount += 1;
      record(m, MachineEventType.WARNING_RAISED, {
        warningId: raised.id,
        data: { message: raised.message, code: raised.code },
      });
      rederive(m);
      return done(SensorReportOutcome.RAISED, raised);
    }
    // Archived machines may still have their warnings cleared (tidying up).
    if (!active) return done(SensorReportOutcome.NOT_ACTIVE, null);
    active.cleared = true;
    touch(active);
    m.byCode.delete(report.code);
    m.activeCount -= 1;
    repeats.delete(active.id);
    record(m, MachineEventType.WARNING_CLEARED, {
      warningId: active.id,
      data: { message: active.message, code: active.code },
    });
    rederive(m);
    return done(SensorReportOutcome.CLEARED, active);
  });

  return {
    results,
    warnings,
    statuses: [...statusChanged].map((m) => ({ id: m.row.id, status: m.status })),
    events,
    repeats: [...repeats.values()],
  };
}
