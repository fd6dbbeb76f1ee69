import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { Role } from './user.role.js';

@InputType()
export class UserFilter {
  @Field(() => [Role], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  roles?: Role[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Omit for both active and deactivated users',
  })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Matches name or e-mail' })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

// Only what a manager may set: no id, active flag or token version.
@InputType()
export class CreateUserInput {
  @Field(() => String, { description: 'Trimmed and lower-cased; unique' })
  @MaxLength(300)
  email!: string;

  @Field(() => String)
  @MaxLength(300)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, {
    description: '8 to 128 characters, taken exactly as typed; very common ones are refused',
  })
  @MaxLength(1024)
  password!: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(300)
  name?: string | null;

  @Field(() => Role, { nullable: true, description: 'Changing it signs the user out everywhere' })
  role?: Role | null;
}
