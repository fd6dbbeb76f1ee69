import { Field, ID, ObjectType } from 'type-graphql';
import { Building } from '../buildings/building.entity.js';

/**
 * A wall screen's link as managers see it. Stored as an API client of purpose DISPLAY (one
 * token table, one authentication path, one socket revalidation), shown as its own type so
 * that API client fields (scopes, createdBy) stay out of the contract of the Displays page.
 */
@ObjectType({ description: 'A read-only link for a wall display, limited to some buildings' })
export class DisplayLink {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the token, to recognise it' })
  tokenPrefix!: string;

  @Field(() => Boolean, { description: 'The screen chimes on a new FAULT' })
  chime!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreateDisplayLinkPayload {
  @Field(() => DisplayLink)
  displayLink!: DisplayLink;

  @Field(() => String, {
    description: 'Shown this once: only its hash is stored. The screen URL carries it after `#`',
  })
  token!: string;
}

@ObjectType({ description: 'The display link a wall screen is signed in with: what it shows' })
export class CurrentDisplay {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'Chime on a new FAULT' })
  chime!: boolean;

  @Field(() => [Building], { description: 'The buildings it shows, by name' })
  buildings!: Building[];
}
