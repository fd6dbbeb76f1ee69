import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Info,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, PageArgs, selectedFields } from '../../graphql/pagination.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { assertMayReadEventActor, readableCaseEventData } from '../faults/fault-case.access.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { faultCaseLoader } from '../faults/fault-case.loaders.js';
import { Machine } from '../machines/machine.entity.js';
import { machineLoader, machinePartsOf, primeMachineParts } from '../machines/machine.loaders.js';
import { ActorSummary, actorSummary } from '../users/actor-summary.js';
import { ALL_ROLES } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { eventTileCache } from './event-tile-cache.js';
import { MachineEvent } from './machine-event.entity.js';
import { MachineEventFilter } from './machine-event.inputs.js';
import { warningByIdLoader } from './machine-event.loaders.js';
import { MachineEventService } from './machine-event.service.js';

@ObjectType()
export class MachineEventConnection extends Connection(MachineEvent, 'MachineEvent') {}

@Resolver(() => MachineEvent)
export class MachineEventResolver {
  @Roles(ALL_ROLES)
  @Query(() => MachineEventConnection, {
    description:
      'The repair log, newest first; repair staff see fault events of their own cases only',
  })
  machineEvents(
    @Arg('filter', () => MachineEventFilter, { nullable: true }) filter: MachineEventFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new MachineEventService(ctx).list(ctx.actor!, filter ?? {}, page);
  }

  /**
   * A live delivery takes its tile's rows from the event's shared read (one statement per
   * event, however many subscribers; see event-tile-cache.ts) and maps them into its own
   * loaders, so the fields below still resolve, and are ruled on, per subscriber. Queries
   * read as before.
   */
  @FieldResolver(() => Machine)
  async machine(
    @Root() event: MachineEvent,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Machine> {
    if (info.operation.operation === OperationTypeNode.SUBSCRIPTION) {
      const shared = eventTileCache(ctx.sequencer).rows(
        event.id,
        event.machine.id,
        machinePartsOf(selectedFields(info)),
        ctx.forkEm,
      );
      const [machine] = shared ? primeMachineParts(ctx, await shared) : [];
      if (machine) return machine;
    }
    return (await machineLoader(ctx).load(event.machine.id))!;
  }

  @FieldResolver(() => ActorSummary, {
    nullable: true,
    description:
      "Null for system changes. On a fault case's events, who worked the case is its detail: FORBIDDEN for readers without it",
  })
  async actor(
    @Root() event: MachineEvent,
    @Ctx() ctx: RequestContext,
  ): Promise<ActorSummary | null> {
    if (event.faultCase) await assertMayReadEventActor(ctx, ctx.actor!, event.faultCase.id);
    return actorSummary(ctx, event.actorUser, event.actorApiClient);
  }

  /** The case's own type applies its read rule (board fields, guarded detail). */
  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ, display: true })
  @FieldResolver(() => FaultCase, { nullable: true })
  async faultCase(
    @Root() event: MachineEvent,
    @Ctx() ctx: RequestContext,
  ): Promise<FaultCase | null> {
    if (!event.faultCase) return null;
    return (await faultCaseLoader(ctx).load(event.faultCase.id)) ?? null;
  }

  /** Fault events quote their case: its detail is left out for readers who may not read it. */
  @FieldResolver()
  data(
    @Root() event: MachineEvent,
    @Ctx() ctx: RequestContext,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    if (!event.faultCase) return event.data;
    return readableCaseEventData(ctx, ctx.actor!, event.faultCase.id, event.data);
  }

  @FieldResolver(() => Warning, { nullable: true })
  async warning(@Root() event: MachineEvent, @Ctx() ctx: RequestContext): Promise<Warning | null> {
    return event.warning ? ((await warningByIdLoader(ctx).load(event.warning.id)) ?? null) : null;
  }
}
