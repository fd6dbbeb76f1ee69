import type { Messages } from '../en/index.ts';
import { common } from './common.ts';

const { status, severity } = common;
const quoted = (text: string) => `„${text}“`;

export const machine: Messages['machine'] = {
  pageTitle: (name) => `${name} · Shopfloor`,
  loading: 'Maschine wird geladen…',
  loadFailed: 'Die Maschine konnte nicht geladen werden.',
  notFound: (code) => `Keine Maschine hat den Code ${quoted(code)}.`,
  notFoundHint:
    'Prüfen Sie den Code auf dem Etikett, oder suchen Sie die Maschine in der Übersicht.',
  toBoard: 'Zur Übersicht',
  archived:
    'Diese Maschine ist archiviert: Sie erscheint in keiner Übersicht mehr, ihre Historie bleibt erhalten.',
  statusFor: (s) => `${status[s]} seit`,
  statusNow: (s) => `Status ist jetzt ${status[s]}.`,
  details: 'Angaben',
  fields: {
    name: 'Name',
    assetCode: 'Anlagencode',
    building: 'Gebäude',
    location: 'Standort',
    importance: 'Wichtigkeit',
  },
  notGiven: 'Nicht angegeben',
  importance: (n) => `${n} von 5`,
  openCase: {
    title: 'Störungsmeldung',
    severity: (s) => `Schwere: ${severity[s]}`,
    owner: (name) => `Zuständig: ${name}`,
    unassigned: 'Noch nicht zugewiesen',
    openFor: 'Offen seit',
    view: 'Zur Störungsmeldung',
  },
  actions: {
    label: 'Aktionen',
    reportFault: 'Störung melden',
    raiseWarning: 'Warnung auslösen',
  },
  report: {
    title: 'Eine Störung melden',
    severity: 'Schwere',
    severityHint: {
      LOW: 'Läuft normal; kann warten',
      MEDIUM: 'Läuft eingeschränkt oder mit schlechter Qualität',
      HIGH: 'Steht still',
      CRITICAL: 'Gefahr für Menschen, oder die Linie steht',
    },
    description: 'Was ist los?',
    descriptionHint: 'Was Sie sehen, hören oder riechen, und wo an der Maschine.',
    placeholder: 'z. B. Hydraulikleck am Hauptzylinder',
    submit: 'Störung melden',
    submitting: 'Wird gemeldet…',
    alreadyOpen:
      'Für diese Maschine ist bereits eine Störung offen. Ist es dasselbe Problem, ergänzen Sie besser dort eine Notiz.',
    done: 'Störung gemeldet. Die Meldung ist offen, das Reparaturteam sieht sie.',
  },
  warnings: {
    title: 'Aktive Warnungen',
    none: 'Keine aktiven Warnungen.',
    raised: (when, who) => (who ? `Ausgelöst ${when} von ${who}` : `Ausgelöst ${when}`),
    repeated: (n) => `×${n}`,
    repeatedLong: (n, when) => `${n}-mal gemeldet, zuletzt ${when}`,
    clear: 'Aufheben',
    clearing: 'Wird aufgehoben…',
    clearLabel: (message) => `Warnung ${quoted(message)} aufheben`,
    raiseTitle: 'Eine Warnung auslösen',
    message: 'Warnung',
    messageHint: 'Worauf sollen andere an dieser Maschine achten?',
    raise: 'Warnung auslösen',
    raising: 'Wird ausgelöst…',
  },
  cases: {
    title: 'Störungsmeldungen',
    none: 'Noch keine Störungsmeldungen für diese Maschine.',
    noneOwn: 'Ihnen ist keine Störungsmeldung dieser Maschine zugewiesen.',
    open: 'Offen',
    resolved: 'Behoben',
    noneOpen: 'Keine offen.',
    opened: (when) => `Gemeldet ${when}`,
    resolvedAt: (when) => `behoben ${when}`,
    owner: (name) => `Zuständig: ${name}`,
    noDescription: 'Keine Beschreibung',
    more: 'Ältere Meldungen zeigen',
    loadFailed: 'Die Störungsmeldungen konnten nicht geladen werden.',
  },
  technicians: {
    title: 'Techniker/innen',
    none: 'Niemand ist zugewiesen.',
    edit: 'Ändern',
    choose: 'Zuständige Techniker/innen für diese Maschine',
    noActive: 'Es gibt keine aktiven Techniker/innen. Legen Sie sie unter Verwaltung an.',
    loadFailed: 'Die Techniker/innen konnten nicht geladen werden.',
    saved: 'Gespeichert.',
  },
  statusHistory: {
    title: 'Statusverlauf',
    empty: 'Noch kein Statuswechsel aufgezeichnet.',
    since: (when) => `seit ${when}`,
    lasted: (duration) => `Dauer ${duration}`,
  },
  timeline: {
    title: 'Verlauf',
    loading: 'Verlauf wird geladen…',
    empty: 'Noch nichts aufgezeichnet.',
    loadFailed: 'Der Verlauf konnte nicht geladen werden.',
  },
  qr: {
    title: 'QR-Etikett',
    hint: 'Wer das Etikett scannt, landet auf dieser Seite.',
    image: (code) => `QR-Code für Maschine ${code}`,
    print: 'Etikett drucken',
  },
  event: {
    statusChanged: (from, to) => `Status von ${status[from]} zu ${status[to]} gewechselt`,
    statusSet: (to) => `Status auf ${status[to]} gesetzt`,
    statusChangedUnknown: 'Status gewechselt',
    warningRaised: (message, code) =>
      `Warnung ausgelöst${message ? `: ${quoted(message)}` : ''}${code ? ` (${code})` : ''}`,
    warningCleared: (message, code) =>
      `Warnung aufgehoben${message ? `: ${quoted(message)}` : ''}${code ? ` (${code})` : ''}`,
    faultOpened: (s, description) =>
      `Störung gemeldet${s ? `, Schwere ${severity[s]}` : ''}${description ? `: ${quoted(description)}` : ''}`,
    severityChanged: (from, to) =>
      from ? `Schwere ${severity[from]} → ${severity[to]}` : `Schwere ${severity[to]}`,
    descriptionChanged: (description) =>
      description ? `Beschreibung ${quoted(description)}` : 'Beschreibung',
    faultUpdated: (what) => `Störungsmeldung geändert: ${what}`,
    faultUpdatedPlain: 'Störungsmeldung geändert',
    faultAssigned: (name) =>
      name ? `Störungsmeldung ${name} zugewiesen` : 'Störungsmeldung zugewiesen',
    faultAcknowledged: 'Störungsmeldung angenommen',
    faultStarted: 'Reparatur begonnen',
    photoAdded: 'Foto ergänzt',
    noteAdded: (body) => (body ? `Notiz ergänzt: ${quoted(body)}` : 'Notiz ergänzt'),
    faultResolved: (note) => (note ? `Störung behoben: ${quoted(note)}` : 'Störung behoben'),
    faultReopened: (reason) =>
      reason
        ? `Störungsmeldung wieder geöffnet: ${quoted(reason)}`
        : 'Störungsmeldung wieder geöffnet',
    machineCreated: 'Maschine angelegt',
    machineUpdated: (fields) => `Angaben geändert: ${fields}`,
    machineUpdatedPlain: 'Angaben geändert',
    machineArchived: 'Maschine archiviert',
    techniciansAssigned: (n) =>
      n === 0
        ? 'Alle Techniker/innen entfernt'
        : n === 1
          ? '1 Techniker/in zugewiesen'
          : `${n} Techniker/innen zugewiesen`,
    techniciansChanged: 'Zuständige Techniker/innen geändert',
    byUser: (name) => `von ${name}`,
    byApiClient: (name) => `von ${name} (angebundenes System)`,
    bySystem: 'automatisch',
  },
};

export const labels: Messages['labels'] = {
  title: 'Maschinenetiketten',
  intro:
    'Drucken Sie QR-Etiketten zum Aufkleben auf die Maschinen. Wer eines scannt, landet auf der Seite der Maschine.',
  fromBoard: 'Etiketten drucken',
  managersOnly: 'Nur die Leitung druckt Etiketten.',
  building: 'Maschinen',
  chooseBuilding: 'Gebäude wählen…',
  allBuildings: 'Alle Gebäude',
  selection: (n) => (n === 1 ? 'Die ausgewählte Maschine' : `Die ${n} ausgewählten Maschinen`),
  paper: 'Papier',
  papers: { a4: 'A4', letter: 'US Letter' },
  print: 'Drucken',
  count: (n, pages) =>
    `${n === 1 ? '1 Etikett' : `${n} Etiketten`} auf ${pages === 1 ? '1 Seite' : `${pages} Seiten`}`,
  page: (i, n) => `Seite ${i} von ${n}`,
  pick: 'Wählen Sie ein Gebäude, um seine Etiketten zu sehen.',
  empty: 'Hier gibt es keine Maschinen zu etikettieren.',
  loading: 'Maschinen werden geladen…',
  loadFailed: 'Die Maschinen konnten nicht geladen werden.',
  image: (code) => `QR-Code für Maschine ${code}`,
};
