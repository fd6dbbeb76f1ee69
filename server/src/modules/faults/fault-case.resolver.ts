import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { firstOf } from '../../common/nested-list.js';
import { loadPrimed, whenLoaded } from '../../common/primed-loader.js';
import { lastEventIdOf, markSnapshot, readSnapshot } from '../../events/snapshot.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, FirstArg, PageArgs } from '../../graphql/pagination.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { Machine } from '../machines/machine.entity.js';
import { machineLoader } from '../machines/machine.loaders.js';
import { ActorSummary, actorSummary } from '../users/actor-summary.js';
import { User } from '../users/user.entity.js';
import { userLoader } from '../users/user.loaders.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { CaseDetail, NOTE_WRITER_ROLES } from './fault-case.access.js';
import { FaultCase } from './fault-case.entity.js';
import { FaultCaseFilter, OpenFaultCaseInput, UpdateFaultCaseInput } from './fault-case.inputs.js';
import { faultCaseLoader } from './fault-case.loaders.js';
import { FaultCaseService, secondsBetween } from './fault-case.service.js';
import { FaultNote } from './fault-note.entity.js';

@ObjectType()
export class FaultCaseConnection extends Connection(FaultCase, 'FaultCase') {}

const STAFF = [Role.MANAGER, Role.TECHNICIAN] as const;
/** Repair staff pass the role check here; the service then requires them to be the assignee. */
const WORKERS = [Role.MANAGER, Role.TECHNICIAN, Role.REPAIR] as const;

const VERSION_ARG = {
  nullable: true,
  description: 'When given, a case changed since this version is a CONFLICT',
} as const;

@Resolver(() => FaultCase)
export class FaultCaseResolver {
  @Roles(ALL_ROLES)
  @Query(() => FaultCaseConnection, {
    description: 'Fault cases, newest first; repair staff see only cases assigned to them',
  })
  faultCases(
    @Arg('filter', () => FaultCaseFilter, { nullable: true }) filter: FaultCaseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).list(ctx.actor!, filter ?? {}, page);
  }

  /**
   * A snapshot read (like `machine`): the case page reads it, then follows the machine's
   * events from its `lastEventId`, so a change committed meanwhile is replayed, never lost.
   */
  @Roles(ALL_ROLES)
  @Query(() => FaultCase)
  async faultCase(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const { result, lastEventId } = await readSnapshot(ctx, (em) =>
      new FaultCaseService({ ...ctx, em }).get(ctx.actor!, id),
    );
    markSnapshot([result], lastEventId);
    return result;
  }

  @Roles([...STAFF], { scope: ApiScope.FAULTS_WRITE })
  @Mutation(() => FaultCase)
  openFaultCase(
    @Arg('input', () => OpenFaultCaseInput) input: OpenFaultCaseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).open(ctx.actor!, input);
  }

  @Roles([...STAFF])
  @Mutation(() => FaultCase, {
    description: 'Edits description/severity; needs the version you edited',
  })
  updateFaultCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFaultCaseInput) input: UpdateFaultCaseInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).update(ctx.actor!, id, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => FaultCase, { description: 'Assigns the case to an active repair worker' })
  assignFaultCase(
    @Arg('id', () => ID) id: string,
    @Arg('assigneeId', () => ID) assigneeId: string,
    @Arg('expectedVersion', () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).assign(ctx.actor!, id, assigneeId, expectedVersion);
  }

  @Roles([...WORKERS])
  @Mutation(() => FaultCase, { description: 'OPEN → ACKNOWLEDGED' })
  acknowledgeFaultCase(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).acknowledge(ctx.actor!, id, expectedVersion);
  }

  @Roles([...WORKERS])
  @Mutation(() => FaultCase, { description: 'ACKNOWLEDGED → IN_PROGRESS' })
  startRepair(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).startRepair(ctx.actor!, id, expectedVersion);
  }

  @Roles([...NOTE_WRITER_ROLES])
  @Mutation(() => FaultNote)
  addFaultNote(
    @Arg('faultCaseId', () => ID) faultCaseId: string,
    @Arg('body', () => String, { description: '1 to 5000 characters' }) body: string,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).addNote(ctx.actor!, faultCaseId, body);
  }

  @Roles([Role.MANAGER, Role.REPAIR])
  @Mutation(() => FaultCase, { description: 'Any unresolved state → RESOLVED' })
  resolveFaultCase(
    @Arg('id', () => ID) id: string,
    @Arg('resolutionNote', () => String, { description: '1 to 5000 characters' })
    resolutionNote: string,
    @Arg('expectedVersion', () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).resolve(ctx.actor!, id, resolutionNote, expectedVersion);
  }

  @Roles([...STAFF])
  @Mutation(() => FaultCase, { description: 'RESOLVED → OPEN' })
  reopenFaultCase(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: '1 to 2000 characters' }) reason: string,
    @Arg('expectedVersion', () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new FaultCaseService(ctx).reopen(ctx.actor!, id, reason, expectedVersion);
  }

  @FieldResolver(() => Machine)
  async machine(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<Machine> {
    return (await machineLoader(ctx).load(fc.machine.id))!;
  }

  @FieldResolver(() => User, { nullable: true })
  assignee(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): User | null | Promise<User | null> {
    if (!fc.assignee) return null;
    // At once when the board's read primed it (primeMachineParts): no promise.
    return whenLoaded(loadPrimed(userLoader(ctx), fc.assignee.id), (user) => user ?? null);
  }

  @CaseDetail()
  @FieldResolver(() => ActorSummary, {
    nullable: true,
    description: 'The person or system that reported it',
  })
  reportedBy(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, fc.reportedByUser, fc.reportedByApiClient);
  }

  @CaseDetail()
  @FieldResolver(() => ActorSummary, { nullable: true })
  assignedBy(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, fc.assignedBy, null);
  }

  @CaseDetail()
  @FieldResolver(() => ActorSummary, { nullable: true })
  acknowledgedBy(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, fc.acknowledgedBy, null);
  }

  @CaseDetail()
  @FieldResolver(() => ActorSummary, { nullable: true })
  startedBy(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, fc.startedBy, null);
  }

  @CaseDetail()
  @FieldResolver(() => ActorSummary, { nullable: true })
  resolvedBy(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, fc.resolvedBy, null);
  }

  @Roles(ALL_ROLES)
  @CaseDetail()
  @FieldResolver(() => [FaultNote], {
    nullable: true,
    description: 'Oldest first; case detail for signed-in users only (API clients get FORBIDDEN)',
  })
  async notes(
    @Root() fc: FaultCase,
    @FirstArg(100) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<FaultNote[]> {
    return firstOf(await new FaultCaseService(ctx).notes(ctx.actor!, fc), first);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Opened within REPEAT_FAILURE_WINDOW_HOURS of the resolution of the machine’s previous case (decided when it opened)',
  })
  isRepeat(@Root() fc: FaultCase): boolean {
    return fc.repeatOf !== null;
  }

  @FieldResolver(() => FaultCase, {
    nullable: true,
    description:
      'The case this one repeats (see `isRepeat`); its own fields follow the read rule of a case',
  })
  async repeatOf(@Root() fc: FaultCase, @Ctx() ctx: RequestContext): Promise<FaultCase | null> {
    if (!fc.repeatOf) return null;
    return (await faultCaseLoader(ctx).load(fc.repeatOf.id)) ?? null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      "Read through `faultCase`: the newest event id this read reflects (pass it as `since` with the case's machine); null when reached through another object",
  })
  lastEventId(@Root() fc: FaultCase): string | null {
    return lastEventIdOf(fc) ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'From opening to acknowledgement' })
  timeToAcknowledgeSeconds(@Root() fc: FaultCase): number | null {
    return secondsBetween(fc.openedAt, fc.acknowledgedAt);
  }

  @CaseDetail()
  @FieldResolver(() => Int, { nullable: true, description: 'From opening to resolution' })
  timeToResolveSeconds(@Root() fc: FaultCase): number | null {
    return secondsBetween(fc.openedAt, fc.resolvedAt);
  }
}

@Resolver(() => FaultNote)
export class FaultNoteResolver {
  @FieldResolver(() => ActorSummary)
  async author(@Root() note: FaultNote, @Ctx() ctx: RequestContext): Promise<ActorSummary> {
    return (await actorSummary(ctx, note.author, null))!;
  }

  /** Notes are reached through their case's guarded `notes`; the case keeps its own rule. */
  @Roles(ALL_ROLES)
  @FieldResolver(() => FaultCase)
  async faultCase(@Root() note: FaultNote, @Ctx() ctx: RequestContext): Promise<FaultCase> {
    return (await faultCaseLoader(ctx).load(note.faultCase.id))!;
  }
}
