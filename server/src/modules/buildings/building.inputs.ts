import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateBuildingInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(120)
  name!: string;
}
