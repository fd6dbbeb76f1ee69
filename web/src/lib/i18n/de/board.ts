import type { Messages } from '../en/index.ts';
import { common } from './common.ts';

export const board: Messages['board'] = {
  title: 'Maschinenübersicht',
  loading: 'Maschinen werden geladen…',
  loadFailed: 'Die Übersicht konnte nicht geladen werden.',
  retry: 'Erneut versuchen',
  empty: 'Noch keine Maschinen. Die Leitung legt sie an.',
  noMatch: 'Keine Maschine passt zu diesen Filtern.',
  clearFilters: 'Filter zurücksetzen',
  count: (shown, total) =>
    shown === total ? `${total} Maschinen` : `${shown} von ${total} Maschinen`,
  summary: (fault, warning, ok) => `${fault} Störung · ${warning} Warnung · ${ok} OK`,
  sectionStatus: (status, n) =>
    `${status === 'FAULT' ? 'Störungen' : status === 'WARNING' ? 'Warnungen' : 'OK'} · ${n}`,
  sectionOk: (importance, n) => `OK · Wichtigkeit ${importance} · ${n}`,
  importance: (n) => `Wichtigkeit ${n} von 5`,
  importanceLabel: 'Wichtigkeit',
  warnings: (n) => (n === 1 ? '1 aktive Warnung' : `${n} aktive Warnungen`),
  repeated: (n) => `×${n}`,
  repeatedLong: (n) => `${n}-mal gemeldet`,
  moreWarnings: (n) => `+${n} weitere`,
  faultOpen: 'Störung offen',
  owner: (name) => `Zuständig: ${name}`,
  unassigned: 'Nicht zugewiesen',
  openFor: 'Offen seit',
  severity: (s) => `Schwere: ${common.severity[s]}`,
  statusFor: (status) => `${common.status[status]} seit`,
};

export const filters: Messages['filters'] = {
  label: 'Filter',
  active: (n) => `${n} aktiv`,
  building: 'Gebäude',
  allBuildings: 'Alle Gebäude',
  status: 'Status',
  technician: 'Techniker/in',
  anyTechnician: 'Alle Techniker/innen',
  me: 'Ich',
  search: 'Suche',
  searchPlaceholder: 'Name, Code oder Linie',
};
