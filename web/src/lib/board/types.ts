import type { BoardMachineFragment } from '#lib/graphql/generated/graphql.ts';

/** A tile's data: the `BoardMachine` fragment as the server sends it. */
export type BoardMachine = BoardMachineFragment;
