import type { Messages } from '../en/index.ts';

export const display: Messages['display'] = {
  title: 'Wandanzeige',
  starting: 'Verbinde mit Shopfloor…',
  noLink:
    'Dieser Bildschirm hat keinen Anzeige-Link. Die Leitung legt unter „Anzeigen“ einen an und öffnet seine Adresse hier.',
  revoked: 'Dieser Anzeige-Link wurde widerrufen',
  revokedHint:
    'Die Leitung kann unter „Anzeigen“ einen neuen Link anlegen und auf diesem Bildschirm öffnen.',
  invalid: 'Dieser Anzeige-Link ist ungültig',
  live: 'Live',
  summary: 'Übersicht',
  connecting: 'Verbinde…',
  offlineSince: (time) => `Offline seit ${time}`,
  offlineHint: 'Letzter bekannter Stand. Verbindung wird wiederhergestellt…',
  backOnline: (duration, changes) =>
    `Wieder online nach ${duration} · ${changes === 1 ? '1 Änderung' : `${changes} Änderungen`} nachgeholt`,
  noMachines: 'Keine Maschinen in diesem Gebäude.',
  allOk: (n) => (n === 1 ? '1 Maschine OK' : `Alle ${n} Maschinen OK`),
  okMachines: (n) => `${n} weitere OK`,
  owner: (name) => `Zuständig: ${name}`,
  openFor: 'Offen',
  unassigned: 'Nicht zugewiesen',
  awaiting: 'Nicht bestätigt',
  warningFor: 'Seit',
  repeated: (n) => `×${n}`,
  repeatedLong: (n) => `${n}-mal gemeldet`,
};

export const displays: Messages['displays'] = {
  title: 'Anzeigen',
  intro:
    'Ein Anzeige-Link zeigt die Live-Übersicht ausgewählter Gebäude auf einem Wandbildschirm. Er kann nur lesen und funktioniert nach dem Widerruf nicht mehr.',
  name: 'Name',
  namePlaceholder: 'z. B. Halle A Nordwand',
  buildings: 'Gebäude',
  chime: 'Signalton bei neuer Störung',
  create: 'Link anlegen',
  creating: 'Wird angelegt…',
  created: (name) => `Anzeige-Link „${name}“ angelegt`,
  shownOnce:
    'Diese Adresse wird nur einmal angezeigt. Öffnen Sie sie auf dem Bildschirm (oder scannen Sie den Code) und schließen Sie dann diese Meldung.',
  address: 'Adresse der Anzeige',
  qrLabel: 'QR-Code zum Scannen mit dem Bildschirm',
  copy: 'Adresse kopieren',
  copied: 'Kopiert',
  done: 'Fertig',
  list: 'Anzeige-Links',
  none: 'Noch keine Anzeige-Links.',
  loading: 'Anzeige-Links werden geladen…',
  loadFailed: 'Die Anzeige-Links konnten nicht geladen werden.',
  revoke: 'Widerrufen',
  revokeConfirm: (name) =>
    `„${name}“ widerrufen? Der Bildschirm zeigt die Übersicht dann nicht mehr.`,
  revokedAt: (when) => `Widerrufen ${when}`,
  lastUsed: (when) => `Zuletzt genutzt ${when}`,
  neverUsed: 'Nie genutzt',
  chimeOn: 'Signalton an',
  chimeOff: 'Kein Signalton',
  failed: 'Das hat nicht geklappt. Bitte die Felder prüfen und erneut versuchen.',
  pickBuilding: 'Bitte mindestens ein Gebäude wählen.',
};
