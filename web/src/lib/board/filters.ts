import type { MachineStatus } from '#lib/graphql/generated/graphql.ts';
import type { BoardMachine } from './types.ts';

/** The board's filters; they live in the URL so a link reproduces the view. */
export interface BoardFilters {
  /** Building ids; empty: all. */
  buildings: string[];
  /** Statuses; empty: all. */
  statuses: MachineStatus[];
  /** A technician's user id, or "me"; null: anyone. */
  technician: string | null;
  /** Free text over name, asset code, location and building. */
  text: string;
}

const STATUSES: readonly MachineStatus[] = ['FAULT', 'WARNING', 'OK'];

export const EMPTY_FILTERS: BoardFilters = {
  buildings: [],
  statuses: [],
  technician: null,
  text: '',
};

/** `?building=1,2&status=FAULT,WARNING&tech=me&q=press` → filters; unknown values are dropped. */
export function filtersFromUrl(params: Pick<URLSearchParams, 'get'>): BoardFilters {
  const list = (key: string) =>
    (params.get(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    buildings: list('building'),
    statuses: list('status')
      .map((s) => s.toUpperCase())
      .filter((s): s is MachineStatus => STATUSES.includes(s as MachineStatus)),
    technician: params.get('tech')?.trim() || null,
    text: params.get('q')?.trim() ?? '',
  };
}

/** The query string for filters (empty ones left out), e.g. `?status=FAULT&q=press`. */
export function filtersToSearch(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.buildings.length) params.set('building', filters.buildings.join(','));
  if (filters.statuses.length) params.set('status', filters.statuses.join(','));
  if (filters.technician) params.set('tech', filters.technician);
  if (filters.text.trim()) params.set('q', filters.text.trim());
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function hasFilters(filters: BoardFilters): boolean {
  return filtersToSearch(filters) !== '';
}

/** Whether a machine shows under the filters; `meId` resolves the technician "me". */
export function matchesFilters(
  machine: BoardMachine,
  filters: BoardFilters,
  meId: string | null,
): boolean {
  if (filters.buildings.length && !filters.buildings.includes(machine.building.id)) return false;
  if (filters.statuses.length && !filters.statuses.includes(machine.status)) return false;
  if (filters.technician) {
    const id = filters.technician === 'me' ? meId : filters.technician;
    if (!machine.technicians.some((t) => t.id === id)) return false;
  }
  const text = filters.text.trim().toLowerCase();
  if (text) {
    const haystack = [
      machine.name,
      machine.assetCode,
      machine.location ?? '',
      machine.building.name,
    ]
      .join(' ')
      .toLowerCase();
    if (!text.split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  return true;
}
