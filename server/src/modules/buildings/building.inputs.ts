import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateBuildingInput {
  @Field(() => String, { description: '1 to 120 characters, trimmed; unique ignoring case' })
  @MinLength(1)
  @MaxLength(120)
  name!: string;
}

@InputType()
export class UpdateBuildingInput {
  @Field(() => String, { description: '1 to 120 characters, trimmed; unique ignoring case' })
  @MinLength(1)
  @MaxLength(120)
  name!: string;
}
