import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, PageArgs } from '../../graphql/pagination.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { Machine } from '../machines/machine.entity.js';
import { machineLoader } from '../machines/machine.loaders.js';
import { ActorSummary, actorSummary } from '../users/actor-summary.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { Warning } from './warning.entity.js';
import { RaiseWarningInput, WarningFilter } from './warning.inputs.js';
import { WarningService } from './warning.service.js';

@ObjectType()
export class WarningConnection extends Connection(Warning, 'Warning') {}

@Resolver(() => Warning)
export class WarningResolver {
  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ })
  @Query(() => WarningConnection, { description: 'Warnings, newest first; active and cleared' })
  warnings(
    @Arg('filter', () => WarningFilter, { nullable: true }) filter: WarningFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new WarningService(ctx).list(ctx.actor!, filter ?? {}, page);
  }

  @Roles([Role.MANAGER, Role.TECHNICIAN], { scope: ApiScope.WARNINGS_WRITE })
  @Mutation(() => Warning, {
    description:
      'Raises a warning; the same active `code` again only counts a repeat on the existing one',
  })
  raiseWarning(
    @Arg('input', () => RaiseWarningInput) input: RaiseWarningInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new WarningService(ctx).raise(ctx.actor!, input);
  }

  @Roles(ALL_ROLES, { scope: ApiScope.WARNINGS_WRITE })
  @Mutation(() => Warning, {
    description:
      "Clears a warning by `id` (with `machineId`, only if it is that machine's), or by `machineId` + `code`. Idempotent: an already cleared warning is returned unchanged.",
  })
  clearWarning(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('machineId', () => ID, { nullable: true }) machineId: string | null,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new WarningService(ctx).clear(ctx.actor!, { id, machineId, code });
  }

  @FieldResolver(() => Machine)
  async machine(@Root() warning: Warning, @Ctx() ctx: RequestContext): Promise<Machine> {
    return (await machineLoader(ctx).load(warning.machine.id))!;
  }

  @FieldResolver(() => Boolean, { description: 'Not cleared yet' })
  active(@Root() warning: Warning): boolean {
    return warning.clearedAt === null;
  }

  @FieldResolver(() => ActorSummary, {
    nullable: true,
    description: 'Null only if that actor was removed',
  })
  raisedBy(@Root() warning: Warning, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, warning.raisedByUser, warning.raisedByApiClient);
  }

  @FieldResolver(() => ActorSummary, { nullable: true })
  clearedBy(@Root() warning: Warning, @Ctx() ctx: RequestContext): Promise<ActorSummary | null> {
    return actorSummary(ctx, warning.clearedByUser, warning.clearedByApiClient);
  }
}
