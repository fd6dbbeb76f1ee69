import { account } from './account.ts';
import { admin } from './admin.ts';
import { board, filters } from './board.ts';
import { common } from './common.ts';
import { display, displays } from './display.ts';

/**
 * The English catalogue, the reference: every other language must have the same keys and
 * functions (`de/` is typed against it). One section file per feature, as in `lib/`.
 */
export const en = { ...common, board, filters, display, displays, account, admin };

export type Messages = typeof en;
