import type { Messages } from '../en/index.ts';
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

/** German: typed against the English catalogue, so a missing or extra key fails the build. */
export const de: Messages = {
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
