import { MaxLength } from 'class-validator';
import { ArgsType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../users/user.entity.js';

export enum RefreshTokenDelivery {
  COOKIE = 'COOKIE',
  BODY = 'BODY',
}

registerEnumType(RefreshTokenDelivery, {
  name: 'RefreshTokenDelivery',
  description:
    'Where the refresh token goes: COOKIE (HttpOnly `sf_refresh`, for browsers) or BODY ' +
    '(the payload, for apps and scripts without a cookie jar)',
});

@ObjectType({ description: 'A signed-in session' })
export class AuthPayload {
  @Field(() => String, {
    description: 'Send as `Authorization: Bearer <token>`; lives at most 15 minutes',
  })
  accessToken!: string;

  @Field(() => Date)
  accessTokenExpiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Only when delivered in the body; browsers get the HttpOnly cookie instead. Single use.',
  })
  refreshToken!: string | null;

  @Field(() => Date)
  refreshTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@ArgsType()
export class LoginArgs {
  @Field(() => String)
  @MaxLength(254)
  email!: string;

  // Longer than any password the policy accepts, so nothing legitimate is cut off, while a
  // megabyte "password" cannot keep argon2 busy.
  @Field(() => String)
  @MaxLength(1024)
  password!: string;

  @Field(() => RefreshTokenDelivery, {
    nullable: true,
    description: 'Default: COOKIE over HTTP, BODY where the transport has no cookies',
  })
  deliverRefreshToken?: RefreshTokenDelivery | null;
}

@ArgsType()
export class RefreshSessionArgs {
  @Field(() => String, { nullable: true, description: 'Default: the `sf_refresh` cookie' })
  @MaxLength(200)
  refreshToken?: string | null;

  @Field(() => RefreshTokenDelivery, {
    nullable: true,
    description:
      'Default: BODY when the token came as an argument, COOKIE when it came as the cookie',
  })
  deliverRefreshToken?: RefreshTokenDelivery | null;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  @MaxLength(1024)
  currentPassword!: string;

  @Field(() => String, {
    description: '8 to 128 characters, taken exactly as typed; very common ones are refused',
  })
  newPassword!: string;

  @Field(() => RefreshTokenDelivery, { nullable: true })
  deliverRefreshToken?: RefreshTokenDelivery | null;
}
