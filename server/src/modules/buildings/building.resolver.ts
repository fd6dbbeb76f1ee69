import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertFirst } from '../../common/page.js';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { FirstArg } from '../../graphql/pagination.js';
import { ApiScope } from '../api-clients/api-client.scope.js';
import { ALL_ROLES, Role } from '../users/user.role.js';
import { Building } from './building.entity.js';
import { CreateBuildingInput, UpdateBuildingInput } from './building.inputs.js';
import { BuildingService } from './building.service.js';

@Resolver(() => Building)
export class BuildingResolver {
  @Roles(ALL_ROLES, { scope: ApiScope.MACHINES_READ, display: true })
  @Query(() => [Building], {
    description: 'Every building, by name (an API token limited to buildings sees those)',
  })
  buildings(@FirstArg(100) first: number, @Ctx() ctx: RequestContext): Promise<Building[]> {
    return new BuildingService(ctx).list(ctx.actor!, assertFirst(first));
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Building)
  createBuilding(
    @Arg('input', () => CreateBuildingInput) input: CreateBuildingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Building> {
    return new BuildingService(ctx).create(input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => Building, {
    description:
      'Renames a building; machines, boards and display links follow. A name another building has (ignoring case): CONFLICT',
  })
  updateBuilding(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateBuildingInput) input: UpdateBuildingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Building> {
    return new BuildingService(ctx).rename(ctx.actor!, id, input);
  }
}
