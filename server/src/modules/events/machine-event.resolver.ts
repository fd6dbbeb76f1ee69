import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, PageArgs } from '../../graphql/pagination.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { faultCaseLoader } from '../faults/fault-case.loaders.js';
import { FaultCaseService } from '../faults/fault-case.service.js';
import { Machine } from '../machines/machine.entity.js';
import { machineLoader } from '../machines/machine.loaders.js';
import { ActorSummary, actorSummary } from '../users/actor-summary.js';
import { ALL_ROLES } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
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

  @FieldResolver(() => Machine)
  async machine(@Root() event: MachineEvent, @Ctx() ctx: RequestContext): Promise<Machine> {
    return (await machineLoader(ctx).load(event.machine.id))!;
  }

  @FieldResolver(() => ActorSummary, { nullable: true, description: 'Null for system changes' })
  actor(@Root() event: MachineEvent, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, event.actorUser, event.actorApiClient);
  }

  @Roles(ALL_ROLES)
  @FieldResolver(() => FaultCase, { nullable: true })
  async faultCase(
    @Root() event: MachineEvent,
    @Ctx() ctx: RequestContext,
  ): Promise<FaultCase | null> {
    if (!event.faultCase) return null;
    const fc = await faultCaseLoader(ctx).load(event.faultCase.id);
    if (!fc) return null;
    new FaultCaseService(ctx).assertMayRead(ctx.actor!, fc);
    return fc;
  }

  @FieldResolver(() => Warning, { nullable: true })
  async warning(@Root() event: MachineEvent, @Ctx() ctx: RequestContext): Promise<Warning | null> {
    return event.warning ? ((await warningByIdLoader(ctx).load(event.warning.id)) ?? null) : null;
  }
}
