import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Actor } from '../../common/actor.js';
import { AppError } from '../../common/app-error.js';
import type { RequestContext, ServiceContext } from '../../graphql/context.js';
import { Role } from '../users/user.role.js';
import type { FaultCase } from './fault-case.entity.js';
import { faultCaseLoader } from './fault-case.loaders.js';

/**
 * The read rule of a fault case, applied where the FaultCase type is resolved, so every path
 * to a case — `faultCase(id)`, a machine's open cases on the board, an event of the log or
 * of a subscription, a note — gives the same answer.
 *
 * A case has two parts. Its board fields are what a tile shows (severity, status, owner,
 * the timer): whoever may see the machine sees them, as DESIGN §3 gives every role and
 * `machines:read` the board. Everything else is the case's detail — description, notes,
 * resolution, who reported and worked it — for managers, technicians, the assigned repair
 * worker and the API client that reported the case (its own report comes back to it). Any
 * other reader gets FORBIDDEN in each detail cell and no data (SECURITY.md item 6): the case
 * stays on the board, the rest of the answer stands.
 *
 * The rule reads only columns of the case row itself, so it costs no query: the board loads
 * a page's cases in one statement and the rule runs on those rows.
 */
export const FAULT_CASE_BOARD_FIELDS: readonly string[] = [
  'id',
  'machine',
  'status',
  'severity',
  'openedAt',
  'acknowledgedAt',
  'startedAt',
  'timeToAcknowledgeSeconds',
  'assignee',
  // Whether a case is a repeat failure, and which case it repeats, is what a tile may show;
  // the previous case then applies this same rule to its own fields.
  'isRepeat',
  'repeatOf',
  // An event id, no detail of the case: the snapshot cursor of a `faultCase` read.
  'lastEventId',
];

/**
 * Who may add to a case's thread — a note, a photo (DESIGN §3 "add note+image"): these roles,
 * and of repair staff only the case's assignee (FaultCaseService.assertMayAddNote). API
 * clients never. `addFaultNote` and the photo upload both take the rule from here.
 */
export const NOTE_WRITER_ROLES = [Role.MANAGER, Role.TECHNICIAN, Role.REPAIR] as const;

export function mayReadCaseDetail(
  actor: Actor,
  fc: Pick<FaultCase, 'assignee' | 'reportedByApiClient'>,
): boolean {
  if (actor.kind === 'apiClient') return fc.reportedByApiClient?.id === actor.id;
  if (actor.role === Role.REPAIR) return fc.assignee?.id === actor.id;
  return true;
}

const DENIALS_LOGGED = 'faultCase.detailDenials';
const DETAIL_DENIED =
  "Only staff, the case's repair worker and its reporter read this part of the case";

const detailGuard: MiddlewareFn<RequestContext> = ({ root, context, info }, next) => {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  const fc = root as FaultCase;
  if (mayReadCaseDetail(actor, fc)) return next();
  // One log line per field and operation: a board page may deny the same cell 100 times.
  const logged = (context.memo.get(DENIALS_LOGGED) as Set<string> | undefined) ?? new Set();
  if (!logged.has(info.fieldName)) {
    logged.add(info.fieldName);
    context.memo.set(DENIALS_LOGGED, logged);
    context.audit.denied(`FaultCase.${info.fieldName} of case ${fc.id} (and any others)`);
  }
  throw AppError.forbidden(DETAIL_DENIED);
};

/**
 * Marks a FaultCase field as case detail (see above). Fields without it are board fields and
 * must be listed in FAULT_CASE_BOARD_FIELDS; the read-grid test checks every field of the
 * schema against that list. A detail field must be nullable, so that a denied cell does not
 * null the whole case.
 */
export function CaseDetail(): MethodDecorator & PropertyDecorator {
  return UseMiddleware(detailGuard) as MethodDecorator & PropertyDecorator;
}

/** What of a fault event's data is board information; the rest quotes the case's detail. */
const BOARD_EVENT_DATA_KEYS = new Set([
  'severity',
  'from',
  'to',
  'assigneeId',
  'assigneeName',
  'previousAssigneeId',
  'reopenCount',
  'noteId',
]);

/**
 * A fault event's `data` for this reader: events quote the case (its description, a note's
 * text, the resolution note), so a reader without the case's detail gets only the board
 * keys. Managers and technicians cost nothing; others one batched lookup of the case.
 */
export async function readableCaseEventData(
  ctx: ServiceContext,
  actor: Actor,
  faultCaseId: string,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (await mayReadCaseDetailOf(ctx, actor, faultCaseId)) return data;
  return Object.fromEntries(Object.entries(data).filter(([key]) => BOARD_EVENT_DATA_KEYS.has(key)));
}

/**
 * The detail rule for a case known by id (a fault event's): managers and technicians cost
 * nothing; others one batched lookup of the case.
 */
export async function mayReadCaseDetailOf(
  ctx: ServiceContext,
  actor: Actor,
  faultCaseId: string,
): Promise<boolean> {
  if (actor.kind === 'user' && actor.role !== Role.REPAIR) return true;
  const fc = await faultCaseLoader(ctx).load(faultCaseId);
  return !!fc && mayReadCaseDetail(actor, fc);
}

/**
 * Who did something to a case is its detail (reportedBy, assignedBy, acknowledgedBy, …), so
 * the actor of a fault event is too: FORBIDDEN in that cell for a reader without the detail.
 */
export async function assertMayReadEventActor(
  ctx: ServiceContext,
  actor: Actor,
  faultCaseId: string,
): Promise<void> {
  if (await mayReadCaseDetailOf(ctx, actor, faultCaseId)) return;
  throw AppError.forbidden(DETAIL_DENIED);
}
