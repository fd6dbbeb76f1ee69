import { Field, ID, InputType } from 'type-graphql';

/** Checked by the service (trimmed name, existing buildings), so every refusal names its field. */
@InputType()
export class CreateDisplayLinkInput {
  @Field(() => String, {
    description: 'Where the screen hangs, e.g. "Hall 2 north wall"; 1 to 120 characters, trimmed',
  })
  name!: string;

  @Field(() => [ID], { description: 'The buildings the screen shows: at least one' })
  buildingIds!: string[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Chime on a new FAULT (null: no)',
  })
  chime?: boolean | null;
}
