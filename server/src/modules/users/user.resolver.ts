import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { Connection, PageArgs } from '../../graphql/pagination.js';
import { Machine } from '../machines/machine.entity.js';
import { assertMaySeeAccount } from './account-visibility.js';
import { User } from './user.entity.js';
import { CreateUserInput, UpdateUserInput, UserFilter } from './user.inputs.js';
import { Role } from './user.role.js';
import { UserService } from './user.service.js';

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}

@ObjectType({ description: 'What deactivating a person did' })
export class DeactivateUserPayload {
  @Field(() => User)
  user!: User;

  @Field(() => Int, {
    description:
      'Sessions that were open and are now ended (each browser or app they were signed in on); 0 when already inactive',
  })
  endedSessions!: number;

  @Field(() => [Machine], {
    description: 'Machines they were assigned to as a technician and are now taken off, by name',
  })
  unassignedMachines!: Machine[];
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => String, { description: 'Managers and the person themself only' })
  email(@Root() user: User, @Ctx() ctx: RequestContext): string {
    assertMaySeeAccount(ctx, user, 'email');
    return user.email;
  }

  @FieldResolver(() => Boolean, {
    description: 'False once deactivated. Managers and the person themself only',
  })
  active(@Root() user: User, @Ctx() ctx: RequestContext): boolean {
    assertMaySeeAccount(ctx, user, 'active');
    return user.active;
  }

  @Roles([Role.MANAGER])
  @Query(() => UserConnection, { description: 'People who sign in, ordered by name' })
  users(
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new UserService(ctx).list(filter ?? {}, page);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => User, { description: 'E-mail must be unused (CONFLICT otherwise)' })
  createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new UserService(ctx).create(ctx.actor!, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => User, {
    description:
      'A role change signs the user out everywhere; demoting the last active manager is a CONFLICT',
  })
  updateUser(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return new UserService(ctx).update(ctx.actor!, id, input);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => DeactivateUserPayload, {
    description:
      'Blocks sign-in, ends every session and socket, takes a technician off their machines; history keeps the user. The last active manager: CONFLICT',
  })
  deactivateUser(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DeactivateUserPayload> {
    return new UserService(ctx).deactivate(ctx.actor!, id);
  }

  @Roles([Role.MANAGER])
  @Mutation(() => User, { description: 'Allows sign-in again; sessions from before stay ended' })
  reactivateUser(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return new UserService(ctx).reactivate(ctx.actor!, id);
  }
}
