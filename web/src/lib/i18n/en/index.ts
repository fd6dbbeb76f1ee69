import { account } from './account.ts';
import { admin } from './admin.ts';
import { board, filters } from './board.ts';
import { caseLists } from './caseLists.ts';
import { cases } from './cases.ts';
import { common } from './common.ts';
import { display, displays } from './display.ts';
import { labels, machine } from './machines.ts';
import { photos } from './photos.ts';
import { repairLog, reports } from './reports.ts';

/**
 * The English catalogue, the reference: every other language must have the same keys and
 * functions (`de/` is typed against it). One section file per feature, as in `lib/`.
 */
export const en = {
  ...common,
  board,
  filters,
  display,
  displays,
  account,
  machine,
  labels,
  caseLists,
  cases,
  admin,
  photos,
  repairLog,
  reports,
};

export type Messages = typeof en;
