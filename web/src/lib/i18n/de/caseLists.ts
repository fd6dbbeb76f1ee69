import type { Messages } from '../en/index.ts';
import { common } from './common.ts';

const cases = (n: number) => (n === 1 ? '1 Störfall' : `${n} Störfälle`);

export const caseLists: Messages['caseLists'] = {
  title: 'Störfälle',
  loading: 'Störfälle werden geladen…',
  loadFailed: 'Die Störfälle konnten nicht geladen werden.',
  empty: 'Noch keine Störfälle.',
  noMatch: 'Kein Störfall passt zu diesen Filtern.',
  clearFilters: 'Filter zurücksetzen',
  count: (shown, total) => (shown >= total ? cases(total) : `${shown} von ${cases(total)}`),
  loadingMore: 'Weitere Störfälle werden geladen…',
  moreFailed: 'Weitere Störfälle konnten nicht geladen werden.',
  columns: {
    machine: 'Maschine und Störung',
    status: 'Status',
    severity: 'Schwere',
    assignee: 'Zugewiesen an',
    opened: 'Gemeldet',
  },
  severity: (s) => `Schwere: ${common.severity[s]}`,
  unassigned: 'Nicht zugewiesen',
  noDescription: 'Keine Beschreibung',
  importance: (n) => `Wichtigkeit ${n} von 5`,
  opened: (at, age) => `${at} · ${age}`,
  openFor: 'Offen seit',
  machinePage: 'Maschinenseite',
  filters: {
    label: 'Filter',
    active: (n) => `${n} aktiv`,
    building: 'Gebäude',
    allBuildings: 'Alle Gebäude',
    status: 'Status',
    severity: 'Schwere',
    assignee: 'Zugewiesen an',
    anyone: 'Alle',
    unassigned: 'Noch niemand',
    someone: 'Die gewählte Person',
    inactive: (name) => `${name} (inaktiv)`,
    openedFrom: 'Gemeldet ab',
    openedTo: 'Gemeldet bis',
    toBeforeFrom: 'Dieser Tag liegt vor dem ersten Tag.',
  },
  myWork: {
    title: 'Meine Arbeit',
    loading: 'Ihre Arbeit wird geladen…',
    loadFailed: 'Ihre Arbeit konnte nicht geladen werden.',
    repairIntro: 'Ihre offenen Störfälle, in der Reihenfolge der Bearbeitung.',
    order:
      'Zuerst die Fälle in Arbeit, dann kritische Störungen, die noch niemand bestätigt hat, dann nach Schwere, Wichtigkeit der Maschine und Wartezeit.',
    repairEmpty:
      'Ihnen sind keine offenen Störfälle zugewiesen. Ein neu zugewiesener Fall erscheint hier sofort.',
    tooMany: (shown, total) =>
      `Die ersten ${shown} von ${total} Störfällen. Bitte die Leitung, einige neu zuzuweisen.`,
    technicianIntro:
      'Die Maschinen, die Sie betreuen, die schlechtesten zuerst, mit ihren offenen Störfällen.',
    technicianEmpty: 'Ihnen sind noch keine Maschinen zugewiesen. Die Leitung weist sie zu.',
    noOpenCases: 'Keine offenen Störfälle.',
    openCases: (n) => (n === 1 ? '1 offener Störfall' : `${n} offene Störfälle`),
    managerNote:
      'Meine Arbeit zeigt, was Technik und Instandhaltung zugewiesen ist. Die Leitung verteilt die Arbeit über die Übersicht und die Störfallliste.',
    toBoard: 'Zur Maschinenübersicht',
    toCases: 'Zur Störfallliste',
    toUnassigned: 'Störfälle, die noch niemandem zugewiesen sind',
    added: (machine) => `Neuer Störfall an ${machine}`,
    removed: (machine) => `${machine}: nicht mehr auf Ihrer Liste`,
  },
};
