import { Max, Min } from 'class-validator';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
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

/**
 * The names of the fields the operation selects at `path` below this field (through inline
 * and named fragments), so a resolver can skip or batch work by what is read: `[]` is this
 * field's own selection, `['nodes']` that of its `nodes`. A field under @skip/@include counts
 * as selected: the answer only errs towards doing the work.
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  path: readonly string[] = [],
): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth])
          visit(selection.selectionSet, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, depth, seen);
      } else if (!seen.has(selection.name.value)) {
        visit(
          info.fragments[selection.name.value]?.selectionSet,
          depth,
          new Set(seen).add(selection.name.value),
        );
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return names;
}
