import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
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
import { Connection, FirstArg, PageArgs, selectedFields } from '../../graphql/pagination.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { Building } from '../buildings/building.entity.js';
import { FaultCase } from '../faults/fault-case.entity.js';
import { unresolvedFaultCasesLoader } from '../faults/fault-case.loaders.js';
import { User } from '../users/user.entity.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { Warning } from '../warnings/warning.entity.js';
import { activeWarningsLoader } from '../warnings/warning.loaders.js';
import { Machine } from './machine.entity.js';
import {
  CreateMachineInput,
  MachineFilter,
  UpdateMachineInput,
  WholeBoardArgs,
} from './machine.inputs.js';
import {
  buildingLoader,
  machinePartsOf,
  primeMachineParts,
  techniciansLoader,
} from './machine.loaders.js';
import { MachineService, MAX_WHOLE_BOARD } from './machine.service.js';

@ObjectType()
export class MachineConnection extends Connection(Machine, 'Machine') {
  @Field(() => ID, {
    description:
      'The newest event id this page reflects: subscribe to `machineEvents(since: lastEventId)` to continue it with no gap',
  })
  lastEventId!: string;
}

@ObjectType({
  description:
    'The whole board in one answer, as a wall display shows it: the machines in board order (by name)',
})
export class WholeBoard {
  @Field(() => ID, {
    description:
      'The newest event id this answer reflects: subscribe to `machineEvents(since: lastEventId)` to continue it with no gap',
  })
  lastEventId!: string;

  @Field(() => [Machine])
  machines!: Machine[];
}

/** The board: every role, `machines:read` tokens and display links (all limited to their buildings). */
const READERS = {
  roles: ALL_ROLES,
  scope: { scope: ApiScope.MACHINES_READ, display: true },
} as const;

@Resolver(() => Machine)
export class MachineResolver {
  @Roles(READERS.roles, READERS.scope)
  @Query(() => MachineConnection, { description: 'The board: machines with their live status' })
  async machines(
    @Arg('filter', () => MachineFilter, { nullable: true }) filter: MachineFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MachineConnection> {
    const count = selectedFields(info).has('totalCount');
    const nodeFields = new Set([
      ...selectedFields(info, ['nodes']),
      ...selectedFields(info, ['edges', 'node']),
    ]);
    const { result, lastEventId } = await readSnapshot(ctx, (em) =>
      new MachineService({ ...ctx, em }).list(
        ctx.actor!,
        filter ?? { includeArchived: false },
        page,
        { count, parts: machinePartsOf(nodeFields) },
      ),
    );
    primeMachineParts(ctx, result.rows);
    markSnapshot(result.nodes, lastEventId);
    const { rows: _rows, ...connection } = result;
    return { ...connection, lastEventId };
  }

  @Roles(READERS.roles, READERS.scope)
  @Query(() => WholeBoard, {
    description: `The whole board in one round trip (at most ${MAX_WHOLE_BOARD} machines), under the same rules as \`machines\`: for screens that show every machine at once`,
  })
  async wholeBoard(
    @Args(() => WholeBoardArgs) args: WholeBoardArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<WholeBoard> {
    const { result, lastEventId } = await readSnapshot(ctx, (em) =>
      new MachineService({ ...ctx, em }).listAll(
        ctx.actor!,
        { buildingIds: args.buildingIds, includeArchived: false },
        { parts: machinePartsOf(selectedFields(info, ['machines'])) },
      ),
    );
    primeMachineParts(ctx, result.rows);
    markSnapshot(result.machines, lastEventId);
    return { lastEventId, machines: result.machines };
  }

  @Roles(READERS.roles, READERS.scope)
  @Query(() => Machine, { description: 'One machine, by id or by the asset code on its label' })
  async machine(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('assetCode', () => String, { nullable: true }) assetCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Machine> {
    const { result, lastEventId } = await readSnapshot(ctx, (em) =>
      new MachineService({ ...ctx, em }).get(ctx.actor!, { id, assetCode }),
    );
    markSnapshot([result], lastEventId);
    return result;
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Machine)
  createMachine(
    @Arg('input', () => CreateMachineInput) input: CreateMachineInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new MachineService(ctx).create(ctx.actor!, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Machine)
  updateMachine(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMachineInput) input: UpdateMachineInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new MachineService(ctx).update(ctx.actor!, id, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Machine, {
    description:
      'Hides the machine from boards; its history stays. CONFLICT (details.faultCaseIds) while ' +
      'a fault case is unresolved; active warnings are cleared with it.',
  })
  archiveMachine(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new MachineService(ctx).archive(ctx.actor!, id);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Machine, {
    description: 'Replaces the set of technicians assigned to the machine',
  })
  assignTechnicians(
    @Arg('machineId', () => ID) machineId: string,
    @Arg('technicianIds', () => [ID]) technicianIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return new MachineService(ctx).assignTechnicians(ctx.actor!, machineId, technicianIds);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'Read through `machine` or `machines`: the newest event id this read reflects (pass it as `since`); null when reached through another object',
  })
  lastEventId(@Root() machine: Machine): string | null {
    return lastEventIdOf(machine) ?? null;
  }

  // The parts below answer at once when the read primed them (primeMachineParts): no promise.
  @FieldResolver(() => Building)
  building(@Root() machine: Machine, @Ctx() ctx: RequestContext): Building | Promise<Building> {
    return whenLoaded(loadPrimed(buildingLoader(ctx), machine.building.id), (b) => b!);
  }

  @FieldResolver(() => [User], { description: 'Technicians responsible for this machine' })
  technicians(
    @Root() machine: Machine,
    @FirstArg(50) first: number,
    @Ctx() ctx: RequestContext,
  ): User[] | Promise<User[]> {
    return whenLoaded(loadPrimed(techniciansLoader(ctx), machine.id), (users) =>
      firstOf(users, first),
    );
  }

  @FieldResolver(() => [Warning], { description: 'Oldest first' })
  activeWarnings(
    @Root() machine: Machine,
    @FirstArg(50) first: number,
    @Ctx() ctx: RequestContext,
  ): Warning[] | Promise<Warning[]> {
    return whenLoaded(loadPrimed(activeWarningsLoader(ctx), machine.id), (w) => firstOf(w, first));
  }

  @FieldResolver(() => FaultCase, {
    nullable: true,
    description: 'The newest unresolved fault case',
  })
  openFaultCase(
    @Root() machine: Machine,
    @Ctx() ctx: RequestContext,
  ): FaultCase | null | Promise<FaultCase | null> {
    return whenLoaded(
      loadPrimed(unresolvedFaultCasesLoader(ctx), machine.id),
      (cases) => cases[0] ?? null,
    );
  }

  @FieldResolver(() => [FaultCase], { description: 'Unresolved fault cases, newest first' })
  unresolvedFaultCases(
    @Root() machine: Machine,
    @FirstArg(50) first: number,
    @Ctx() ctx: RequestContext,
  ): FaultCase[] | Promise<FaultCase[]> {
    return whenLoaded(loadPrimed(unresolvedFaultCasesLoader(ctx), machine.id), (c) =>
      firstOf(c, first),
    );
  }
}
