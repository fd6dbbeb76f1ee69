import { Max, Min } from 'class-validator';
import { Arg, ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ConnectionShape } from '../common/page.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `1 to ${MAX_PAGE_SIZE}` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page' })
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A Relay-style connection type for `Item`, with `nodes` as a shortcut for `edges.node`. */
export function Connection<T extends object>(Item: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => Item)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Item])
    nodes!: T[];

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All items matching the filter, across pages' })
    totalCount!: number;
  }
  return ConnectionType;
}

/** The `first` argument of a nested list (checked by `firstOf` / `assertFirst`). */
export function FirstArg(defaultValue: number): ReturnType<typeof Arg> {
  return Arg('first', () => Int, { defaultValue, description: `1 to ${MAX_PAGE_SIZE}` });
}
