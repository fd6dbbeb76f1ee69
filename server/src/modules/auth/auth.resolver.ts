import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppError } from '../../common/app-error.js';
import { isUser } from '../../common/actor.js';
import { refuseDisplay, Roles } from '../../graphql/auth.js';
import type { RequestContext } from '../../graphql/context.js';
import { User } from '../users/user.entity.js';
import { markSignedIn } from '../users/account-visibility.js';
import { UserService } from '../users/user.service.js';
import { AuthService, type AuthSession } from './auth.service.js';
import {
  AuthPayload,
  ChangePasswordArgs,
  LoginArgs,
  RefreshSessionArgs,
  RefreshTokenDelivery,
} from './auth.types.js';

export const REFRESH_COOKIE = 'sf_refresh';
export const REFRESH_COOKIE_PATH = '/graphql';

/** Puts the refresh token where the client asked for it: the HttpOnly cookie or the body. */
function deliver(
  ctx: RequestContext,
  session: AuthSession,
  mode: RefreshTokenDelivery,
): AuthPayload {
  markSignedIn(ctx, session.user.id);
  const { refreshToken, ...rest } = session;
  if (mode === RefreshTokenDelivery.COOKIE && ctx.cookies) {
    const maxAgeSeconds = Math.max(
      1,
      Math.floor((session.refreshTokenExpiresAt.getTime() - Date.now()) / 1000),
    );
    ctx.cookies.set(REFRESH_COOKIE, refreshToken, { maxAgeSeconds, path: REFRESH_COOKIE_PATH });
    return { ...rest, refreshToken: null };
  }
  return { ...rest, refreshToken };
}

function defaultDelivery(ctx: RequestContext): RefreshTokenDelivery {
  return ctx.cookies ? RefreshTokenDelivery.COOKIE : RefreshTokenDelivery.BODY;
}

@Resolver()
export class AuthResolver {
  // Nullable on purpose: a failed attempt nulls only its own field, so every aliased login
  // in one document runs and counts against the throttle on its own.
  @Mutation(() => AuthPayload, {
    nullable: true,
    description:
      'Public. Wrong e-mail, wrong password and inactive account all give UNAUTHENTICATED; repeated failures TOO_MANY_REQUESTS. Null (with the error) when sign-in fails',
  })
  async login(
    @Args(() => LoginArgs) args: LoginArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    refuseDisplay(ctx, 'login');
    const session = await new AuthService(ctx).login(args.email, args.password);
    return deliver(ctx, session, args.deliverRefreshToken ?? defaultDelivery(ctx));
  }

  @Mutation(() => AuthPayload, {
    description:
      'Public. Trades a refresh token (argument or `sf_refresh` cookie) for a new session; the old token is spent',
  })
  async refreshSession(
    @Args(() => RefreshSessionArgs) args: RefreshSessionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    refuseDisplay(ctx, 'refreshSession');
    const fromArgument = !!args.refreshToken;
    const token = args.refreshToken || ctx.cookies?.read(REFRESH_COOKIE);
    try {
      const session = await new AuthService(ctx).refresh(token);
      const mode =
        args.deliverRefreshToken ??
        (fromArgument ? RefreshTokenDelivery.BODY : defaultDelivery(ctx));
      return deliver(ctx, session, mode);
    } catch (error) {
      // A refused cookie is useless to the browser; drop it so the app goes to sign-in.
      if (!fromArgument && token && error instanceof AppError)
        ctx.cookies?.clear(REFRESH_COOKIE, REFRESH_COOKIE_PATH);
      throw error;
    }
  }

  @Mutation(() => Boolean, {
    description: 'Public. Ends the session of the refresh token (argument or cookie); always true',
  })
  async logout(
    @Arg('refreshToken', () => String, { nullable: true }) refreshToken: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    refuseDisplay(ctx, 'logout');
    const token = refreshToken || ctx.cookies?.read(REFRESH_COOKIE);
    if (token && token.length <= 200) await new AuthService(ctx).logout(token);
    ctx.cookies?.clear(REFRESH_COOKIE, REFRESH_COOKIE_PATH);
    return true;
  }

  @Roles()
  @Mutation(() => Boolean, {
    description:
      'Signed-in users, for themselves: ends every session of the account on every device, this one included; always true',
  })
  async logoutEverywhere(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (!isUser(ctx.actor)) throw AppError.forbidden();
    await new AuthService(ctx).logoutEverywhere(ctx.actor);
    ctx.cookies?.clear(REFRESH_COOKIE, REFRESH_COOKIE_PATH);
    return true;
  }

  @Roles()
  @Query(() => User, { description: 'The signed-in user' })
  async me(@Ctx() ctx: RequestContext): Promise<User> {
    if (!isUser(ctx.actor)) throw AppError.forbidden();
    return new UserService(ctx).get(ctx.actor.id);
  }

  @Roles()
  @Mutation(() => AuthPayload, {
    description:
      'Signed-in users, for themselves. Ends every other session and returns a fresh one',
  })
  async changePassword(
    @Args(() => ChangePasswordArgs) args: ChangePasswordArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    if (!isUser(ctx.actor)) throw AppError.forbidden();
    const session = await new AuthService(ctx).changePassword(
      ctx.actor,
      args.currentPassword,
      args.newPassword,
    );
    return deliver(ctx, session, args.deliverRefreshToken ?? defaultDelivery(ctx));
  }
}
