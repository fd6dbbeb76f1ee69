import type { FilterQuery, Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, UserActor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import { assertUuid } from '../../common/ids.js';
import { findPage, type ConnectionShape, type Page } from '../../common/page.js';
import type { ServiceContext } from '../../graphql/context.js';
import { ApiClient } from '../api-clients/api-client.entity.js';
import type { EventLog } from '../events/event-log.js';
import { MachineEventType } from '../events/machine-event.type.js';
import { Machine } from '../machines/machine.entity.js';
import { writeMachine, type MachineWriteOptions } from '../machines/machine-writer.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.role.js';
import { mayReadCaseDetail, NOTE_WRITER_ROLES } from './fault-case.access.js';
import { FaultCase } from './fault-case.entity.js';
import { FaultStatus, Severity, UNRESOLVED_FAULT_STATUSES } from './fault-case.enums.js';
import { faultNotesLoader } from './fault-case.loaders.js';
import { FaultNote } from './fault-note.entity.js';

/** `details.reason` of the BAD_USER_INPUT for reopening a case of an archived machine. */
export const MACHINE_ARCHIVED = 'MACHINE_ARCHIVED';

export const DESCRIPTION_MAX = 2000;
export const NOTE_MAX = 5000;
export const RESOLUTION_NOTE_MAX = 5000;
export const REOPEN_REASON_MAX = 2000;
/** Event data keeps a readable excerpt, not whole texts: the log is read in bulk. */
const EXCERPT_MAX = 200;

export interface FaultCaseFilterInput {
  machineIds?: string[] | null;
  buildingIds?: string[] | null;
  statuses?: FaultStatus[] | null;
  severities?: Severity[] | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
  onlyMine?: boolean | null;
  openedFrom?: Date | null;
  openedTo?: Date | null;
}

export interface OpenFaultCaseData {
  machineId: string;
  description: string;
  severity: Severity;
}

export interface UpdateFaultCaseData {
  description?: string | null;
  severity?: Severity | null;
  expectedVersion: number;
}

/** Who may work a case (acknowledge, start, note, resolve) beyond what the role allows. */
type WorkRule = 'anyStaff' | 'assignedRepairOnly' | 'noteWriter';

export interface CaseChange {
  tx: EntityManager;
  machine: Machine;
  log: EventLog;
  fc: FaultCase;
}

/**
 * The fault-case lifecycle. Every change runs inside writeMachine: the machine row is locked
 * before the case is read, so the version check, the transition and the recomputed status
 * are decided on data no concurrent writer can change until commit.
 *
 * Transitions are strict: OPEN → ACKNOWLEDGED → IN_PROGRESS, RESOLVED from any unresolved
 * state, and RESOLVED → OPEN on reopen. Starting an unacknowledged case is refused so that
 * the time to acknowledge is always recorded.
 */
export class FaultCaseService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(
    actor: Actor,
    filter: FaultCaseFilterInput,
    page: Page,
  ): Promise<ConnectionShape<FaultCase>> {
    const user = this.requireUser(actor);
    if (filter.unassigned && filter.assigneeId) {
      throw AppError.badInput('Ask for one assignee or for unassigned cases, not both', {
        field: 'unassigned',
      });
    }
    if (filter.openedFrom && filter.openedTo && filter.openedTo <= filter.openedFrom) {
      throw AppError.badInput('openedTo must be later than openedFrom', { field: 'openedTo' });
    }
    const and: FilterQuery<FaultCase>[] = [];
    if (filter.machineIds)
      and.push({ machine: { $in: filter.machineIds.map((id) => assertUuid(id, 'machineIds')) } });
    if (filter.buildingIds) {
      and.push({
        machine: {
          building: { $in: filter.buildingIds.map((id) => assertUuid(id, 'buildingIds')) },
        },
      });
    }
    if (filter.statuses) and.push({ status: { $in: filter.statuses } });
    if (filter.severities) and.push({ severity: { $in: filter.severities } });
    if (filter.assigneeId) and.push({ assignee: assertUuid(filter.assigneeId, 'assigneeId') });
    if (filter.unassigned) and.push({ assignee: null });
    // Repair staff read only their own cases, whatever the filter says.
    if (user.role === Role.REPAIR) and.push({ assignee: user.id });
    else if (filter.onlyMine)
      and.push({ $or: [{ assignee: user.id }, { reportedByUser: user.id }] });
    if (filter.openedFrom) and.push({ openedAt: { $gte: filter.openedFrom } });
    if (filter.openedTo) and.push({ openedAt: { $lt: filter.openedTo } });
    const where: FilterQuery<FaultCase> = and.length > 0 ? { $and: and } : {};
    return findPage(this.ctx.em, FaultCase, where, page, { openedAt: 'desc', id: 'desc' });
  }

  async get(actor: Actor, id: string): Promise<FaultCase> {
    const user = this.requireUser(actor);
    const fc = await this.ctx.em.findOne(FaultCase, { id: assertUuid(id) });
    if (!fc) throw AppError.notFound('Fault case', id);
    this.assertMayRead(user, fc);
    return fc;
  }

  /** Notes are the case's working detail: repair staff see them on their own cases only. */
  async notes(actor: Actor, fc: FaultCase): Promise<FaultNote[]> {
    this.assertMayRead(this.requireUser(actor), fc);
    return faultNotesLoader(this.ctx).load(fc.id);
  }

  /** The whole case, for people: the rule of its detail fields (fault-case.access.ts). */
  assertMayRead(actor: Actor, fc: FaultCase): void {
    const user = this.requireUser(actor);
    if (!mayReadCaseDetail(user, fc)) {
      this.denied(user, 'fault case assigned to someone else', fc.id);
    }
  }

  async open(actor: Actor, input: OpenFaultCaseData): Promise<FaultCase> {
    const machineId = assertUuid(input.machineId, 'machineId');
    const description = requireText(input.description, 'description', DESCRIPTION_MAX);
    const severity = requireSeverity(input.severity);
    return writeMachine(
      this.ctx,
      actor,
      machineId,
      async ({ tx, machine, log }) => {
        // Sensors repeat themselves: while this client's case for the same condition is
        // still unresolved, it gets that case back. Decided under the machine lock, so two
        // concurrent reports cannot both open one.
        if (actor.kind === 'apiClient') {
          const open = await tx.findOne(
            FaultCase,
            {
              machine: machine.id,
              reportedByApiClient: actor.id,
              description,
              status: { $in: [...UNRESOLVED_FAULT_STATUSES] },
            },
            { orderBy: { openedAt: 'desc' } },
          );
          if (open) {
            deduplicatedCases(this.ctx).add(open.id);
            return open;
          }
        }
        const fc = new FaultCase();
        fc.machine = tx.getReference(Machine, machine.id, { wrapped: true });
        fc.description = description;
        fc.severity = severity;
        fc.openedAt = new Date();
        if (actor.kind === 'user')
          fc.reportedByUser = tx.getReference(User, actor.id, { wrapped: true });
        else fc.reportedByApiClient = tx.getReference(ApiClient, actor.id, { wrapped: true });
        fc.repeatOf = await this.repeatedCase(tx, machine.id);
        tx.persist(fc);
        log.record({
          type: MachineEventType.FAULT_OPENED,
          faultCase: fc,
          data: { severity, description: excerpt(description) },
        });
        return fc;
      },
      { machineIdFromInput: true },
    );
  }

  /**
   * The machine's case resolved last, when that was within the repeat window: the case about
   * to open repeats it. Read under the machine lock, so a resolution cannot slip in between.
   */
  private async repeatedCase(tx: EntityManager, machineId: string): Promise<Ref<FaultCase> | null> {
    const now = this.ctx.clock?.() ?? new Date();
    const since = new Date(now.getTime() - this.ctx.config.repeatFailureWindowHours * 3_600_000);
    const [previous] = await tx.execute<{ id: string }[]>(
      `select id from fault_cases
        where machine_id = ? and resolved_at >= ?
        order by resolved_at desc, id limit 1`,
      [machineId, since],
    );
    return previous ? tx.getReference(FaultCase, previous.id, { wrapped: true }) : null;
  }

  async update(actor: Actor, id: string, input: UpdateFaultCaseData): Promise<FaultCase> {
    const description = isGiven(input.description)
      ? requireText(input.description, 'description', DESCRIPTION_MAX)
      : undefined;
    const severity = isGiven(input.severity) ? requireSeverity(input.severity) : undefined;
    if (!Number.isInteger(input.expectedVersion)) {
      throw AppError.badInput('expectedVersion is required', { field: 'expectedVersion' });
    }
    return this.change(
      actor,
      id,
      { expectedVersion: input.expectedVersion, rule: 'anyStaff' },
      async ({ fc, log }) => {
        if (fc.status === FaultStatus.RESOLVED) {
          throw AppError.badInput('A resolved case cannot be edited; reopen it first', {
            status: fc.status,
          });
        }
        const data: Record<string, unknown> = {};
        if (description !== undefined && description !== fc.description) {
          fc.description = description;
          data.description = excerpt(description);
        }
        if (severity !== undefined && severity !== fc.severity) {
          data.severity = { from: fc.severity, to: severity };
          fc.severity = severity;
        }
        if (Object.keys(data).length > 0)
          log.record({ type: MachineEventType.FAULT_UPDATED, faultCase: fc, data });
        return fc;
      },
    );
  }

  async assign(
    actor: Actor,
    id: string,
    assigneeId: string,
    expectedVersion?: number | null,
  ): Promise<FaultCase> {
    const userId = assertUuid(assigneeId, 'assigneeId');
    return this.change(
      actor,
      id,
      { expectedVersion, rule: 'anyStaff' },
      async ({ tx, fc, log }) => {
        const assignee = await tx.findOne(User, { id: userId });
        if (!assignee || !assignee.active || assignee.role !== Role.REPAIR) {
          throw AppError.badInput('Cases can be assigned only to active repair staff', {
            assigneeId: userId,
          });
        }
        if (fc.status === FaultStatus.RESOLVED) {
          throw AppError.badInput('A resolved case cannot be assigned', { status: fc.status });
        }
        const previousAssigneeId = fc.assignee?.id ?? null;
        if (previousAssigneeId === assignee.id) return fc;
        fc.assignee = tx.getReference(User, assignee.id, { wrapped: true });
        fc.assignedAt = new Date();
        fc.assignedBy = tx.getReference(User, this.requireUser(actor).id, { wrapped: true });
        log.record({
          type: MachineEventType.FAULT_ASSIGNED,
          faultCase: fc,
          data: { assigneeId: assignee.id, assigneeName: assignee.name, previousAssigneeId },
        });
        return fc;
      },
    );
  }

  acknowledge(actor: Actor, id: string, expectedVersion?: number | null): Promise<FaultCase> {
    return this.change(
      actor,
      id,
      { expectedVersion, rule: 'assignedRepairOnly' },
      async ({ tx, fc, log }) => {
        const from = transition(fc, [FaultStatus.OPEN], FaultStatus.ACKNOWLEDGED);
        fc.acknowledgedAt = new Date();
        fc.acknowledgedBy = tx.getReference(User, actor.id, { wrapped: true });
        log.record({
          type: MachineEventType.FAULT_ACKNOWLEDGED,
          faultCase: fc,
          data: { from, to: fc.status },
        });
        return fc;
      },
    );
  }

  startRepair(actor: Actor, id: string, expectedVersion?: number | null): Promise<FaultCase> {
    return this.change(
      actor,
      id,
      { expectedVersion, rule: 'assignedRepairOnly' },
      async ({ tx, fc, log }) => {
        const from = transition(fc, [FaultStatus.ACKNOWLEDGED], FaultStatus.IN_PROGRESS);
        fc.startedAt = new Date();
        fc.startedBy = tx.getReference(User, actor.id, { wrapped: true });
        log.record({
          type: MachineEventType.FAULT_STARTED,
          faultCase: fc,
          data: { from, to: fc.status },
        });
        return fc;
      },
    );
  }

  /**
   * Who may add a note or a photo to the case (NOTE_WRITER_ROLES; of repair staff, only the
   * assignee). The photo upload asks before it reads the file, and again in its transaction.
   */
  assertMayAddNote(actor: Actor, fc: FaultCase): UserActor {
    const user = this.requireUser(actor);
    if (!(NOTE_WRITER_ROLES as readonly Role[]).includes(user.role)) {
      this.ctx.audit.denied(`add to fault case ${fc.id}: role ${user.role}`);
      throw AppError.forbidden();
    }
    if (!mayReadCaseDetail(user, fc))
      this.denied(user, 'fault case assigned to someone else', fc.id);
    return user;
  }

  /**
   * Adds to the case's thread under the note writer's rule: the case's machine locked, the
   * rule checked on the committed row, `work` and its events in one transaction (photos).
   */
  addToThread<T>(
    actor: Actor,
    faultCaseId: string,
    work: (change: CaseChange) => Promise<T>,
    options: Pick<MachineWriteOptions, 'before'> = {},
  ): Promise<T> {
    return this.change(actor, faultCaseId, { rule: 'noteWriter', before: options.before }, work);
  }

  /** Notes may be added in any state (follow-ups after resolution are common). */
  addNote(actor: Actor, faultCaseId: string, body: string): Promise<FaultNote> {
    const text = requireText(body, 'body', NOTE_MAX);
    return this.change(actor, faultCaseId, { rule: 'noteWriter' }, async ({ tx, fc, log }) => {
      const note = new FaultNote();
      note.faultCase = tx.getReference(FaultCase, fc.id, { wrapped: true });
      note.author = tx.getReference(User, actor.id, { wrapped: true });
      note.body = text;
      note.createdAt = new Date();
      tx.persist(note);
      log.record({
        type: MachineEventType.FAULT_NOTE_ADDED,
        faultCase: fc,
        data: { noteId: note.id, body: excerpt(text) },
      });
      return note;
    });
  }

  resolve(
    actor: Actor,
    id: string,
    resolutionNote: string,
    expectedVersion?: number | null,
  ): Promise<FaultCase> {
    const note = requireText(resolutionNote, 'resolutionNote', RESOLUTION_NOTE_MAX);
    return this.change(
      actor,
      id,
      { expectedVersion, rule: 'assignedRepairOnly' },
      async ({ tx, fc, log }) => {
        const from = transition(
          fc,
          [FaultStatus.OPEN, FaultStatus.ACKNOWLEDGED, FaultStatus.IN_PROGRESS],
          FaultStatus.RESOLVED,
        );
        fc.resolvedAt = new Date();
        fc.resolvedBy = tx.getReference(User, actor.id, { wrapped: true });
        fc.resolutionNote = note;
        log.record({
          type: MachineEventType.FAULT_RESOLVED,
          faultCase: fc,
          data: { from, to: fc.status, resolutionNote: excerpt(note) },
        });
        return fc;
      },
    );
  }

  /**
   * Back to OPEN: the acknowledge/start/resolve stamps describe the cycle that just failed,
   * so they are cleared (the event log keeps them) and the next cycle records its own.
   */
  reopen(
    actor: Actor,
    id: string,
    reason: string,
    expectedVersion?: number | null,
  ): Promise<FaultCase> {
    const why = requireText(reason, 'reason', REOPEN_REASON_MAX);
    return this.change(
      actor,
      id,
      { expectedVersion, rule: 'anyStaff' },
      async ({ machine, fc, log }) => {
        // An archived machine is off every board: an unresolved case there would go unseen.
        if (machine.archived) {
          throw AppError.badInput('This machine is archived', {
            machineId: machine.id,
            reason: MACHINE_ARCHIVED,
          });
        }
        const from = transition(fc, [FaultStatus.RESOLVED], FaultStatus.OPEN);
        const previousResolutionNote = fc.resolutionNote;
        fc.reopenCount += 1;
        fc.resolvedAt = null;
        fc.resolvedBy = null;
        fc.resolutionNote = null;
        fc.acknowledgedAt = null;
        fc.acknowledgedBy = null;
        fc.startedAt = null;
        fc.startedBy = null;
        log.record({
          type: MachineEventType.FAULT_REOPENED,
          faultCase: fc,
          data: {
            from,
            to: fc.status,
            reason: excerpt(why),
            reopenCount: fc.reopenCount,
            previousResolutionNote: previousResolutionNote ? excerpt(previousResolutionNote) : null,
          },
        });
        return fc;
      },
    );
  }

  /**
   * Finds the case's machine, then re-reads the case with that machine locked: permission,
   * version and transition are all checked on the row as committed by the last writer.
   */
  private async change<T>(
    actor: Actor,
    id: string,
    options: {
      expectedVersion?: number | null;
      rule: WorkRule;
      before?: MachineWriteOptions['before'];
    },
    work: (change: CaseChange) => Promise<T>,
  ): Promise<T> {
    const caseId = assertUuid(id);
    const user = this.requireUser(actor);
    const located = await this.ctx.em
      .fork()
      .findOne(FaultCase, { id: caseId }, { fields: ['id', 'machine'] });
    if (!located) throw AppError.notFound('Fault case', caseId);
    return writeMachine(
      this.ctx,
      actor,
      located.machine.id,
      async ({ tx, machine, log }) => {
        const fc = await tx.findOneOrFail(FaultCase, { id: caseId });
        if (options.rule === 'assignedRepairOnly') this.assertMayRead(user, fc);
        else if (options.rule === 'noteWriter') this.assertMayAddNote(user, fc);
        if (isGiven(options.expectedVersion) && options.expectedVersion !== fc.version) {
          throw staleVersion(fc);
        }
        return work({ tx, machine, log, fc });
      },
      // Cases opened before a machine was archived must still be workable to the end.
      { allowArchived: true, before: options.before },
    );
  }

  private requireUser(actor: Actor): UserActor {
    if (actor.kind !== 'user') throw AppError.forbidden('API clients cannot do this');
    return actor;
  }

  private denied(actor: UserActor, reason: string, faultCaseId: string): never {
    this.ctx.logger.warn(
      { actor: { kind: actor.kind, id: actor.id }, faultCaseId, reason },
      'access denied',
    );
    throw AppError.forbidden('Only the assigned repair worker may do this');
  }
}

const DEDUPLICATED_KEY = 'faultCase.deduplicated';

function deduplicatedCases(ctx: Pick<ServiceContext, 'memo'>): Set<string> {
  let ids = ctx.memo.get(DEDUPLICATED_KEY) as Set<string> | undefined;
  if (!ids) {
    ids = new Set();
    ctx.memo.set(DEDUPLICATED_KEY, ids);
  }
  return ids;
}

/** True when `open` handed back this client's existing case in this operation. */
export function wasDeduplicated(ctx: Pick<ServiceContext, 'memo'>, faultCaseId: string): boolean {
  return (ctx.memo.get(DEDUPLICATED_KEY) as Set<string> | undefined)?.has(faultCaseId) ?? false;
}

/** Moves the case to `to` when its status is one of `allowed`; returns the old status. */
function transition(fc: FaultCase, allowed: readonly FaultStatus[], to: FaultStatus): FaultStatus {
  const from = fc.status;
  if (!allowed.includes(from)) {
    throw AppError.badInput(`A case cannot go from ${from} to ${to}`, { from, to });
  }
  fc.status = to;
  return from;
}

function staleVersion(fc: FaultCase): AppError {
  return AppError.conflict('This fault case was changed by someone else; reload and try again', {
    currentVersion: fc.version,
    current: {
      id: fc.id,
      version: fc.version,
      status: fc.status,
      severity: fc.severity,
      description: fc.description,
      assigneeId: fc.assignee?.id ?? null,
      updatedAt: fc.updatedAt.toISOString(),
    },
  });
}

function requireText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw AppError.badInput(`${field} must not be blank`, { field });
  if (trimmed.length > max)
    throw AppError.badInput(`${field} must be at most ${max} characters`, { field, max });
  return trimmed;
}

function requireSeverity(value: Severity): Severity {
  if (!Object.values(Severity).includes(value))
    throw AppError.badInput('Unknown severity', { field: 'severity' });
  return value;
}

function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function excerpt(text: string): string {
  return text.length <= EXCERPT_MAX ? text : `${text.slice(0, EXCERPT_MAX - 1)}…`;
}

/** Whole seconds from `from` to `to`, or null while `to` has not happened. */
export function secondsBetween(from: Date, to: Date | null): number | null {
  return to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;
}
