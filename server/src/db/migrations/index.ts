import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125033932 } from './Migration20261125033932.js';
import { Migration20261125034431 } from './Migration20261125034431.js';
import { Migration20261125060920 } from './Migration20261125060920.js';
import { Migration20261125070156 } from './Migration20261125070156.js';
import { Migration20261203101510 } from './Migration20261203101510.js';
import { Migration20261203134909 } from './Migration20261203134909.js';
import { Migration20261203154344 } from './Migration20261203154344.js';
import { Migration20261203162349 } from './Migration20261203162349.js';
import { Migration20261203164234 } from './Migration20261203164234.js';

/**
 * Every committed migration, in order. Listed explicitly so the same code runs from
 * TypeScript sources (tests) and compiled output (production) without file globbing.
 * `npm run migration:create -w server` writes a new file here; add it to this list.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125033932', class: Migration20261125033932 },
  { name: 'Migration20261125034431', class: Migration20261125034431 },
  { name: 'Migration20261125060920', class: Migration20261125060920 },
  { name: 'Migration20261125070156', class: Migration20261125070156 },
  { name: 'Migration20261203101510', class: Migration20261203101510 },
  { name: 'Migration20261203134909', class: Migration20261203134909 },
  { name: 'Migration20261203154344', class: Migration20261203154344 },
  { name: 'Migration20261203162349', class: Migration20261203162349 },
  { name: 'Migration20261203164234', class: Migration20261203164234 },
];
