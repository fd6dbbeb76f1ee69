import type { common as en } from '../en/common.ts';
import type { Messages } from '../en/index.ts';

type Common = typeof en;

const status: Messages['status'] = { OK: 'OK', WARNING: 'Warnung', FAULT: 'Störung' };
const severity: Messages['severity'] = {
  LOW: 'Niedrig',
  MEDIUM: 'Mittel',
  HIGH: 'Hoch',
  CRITICAL: 'Kritisch',
};
const role: Messages['role'] = {
  MANAGER: 'Leitung',
  TECHNICIAN: 'Technik',
  REPAIR: 'Instandhaltung',
};

export const common: Common = {
  appName: 'Shopfloor',
  skipToContent: 'Zum Inhalt springen',
  signIn: {
    title: 'Anmelden',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    submitting: 'Anmeldung läuft…',
    failed: 'E-Mail oder Passwort ist falsch, oder das Konto ist nicht aktiv.',
    tooMany: 'Zu viele Fehlversuche. Bitte eine Minute warten und erneut versuchen.',
    unreachable: 'Der Server ist nicht erreichbar. Bitte das Netzwerk prüfen und erneut versuchen.',
    sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  },
  nav: {
    label: 'Hauptmenü',
    board: 'Übersicht',
    myWork: 'Meine Arbeit',
    cases: 'Störfälle',
    displays: 'Anzeigen',
    log: 'Protokoll',
    reports: 'Berichte',
    admin: 'Verwaltung',
    account: 'Konto',
    signOut: 'Abmelden',
    signedInAs: (name, r) => `${name} · ${role[r]}`,
  },
  role,
  status,
  severity,
  caseStatus: {
    OPEN: 'Offen',
    ACKNOWLEDGED: 'Bestätigt',
    IN_PROGRESS: 'In Arbeit',
    RESOLVED: 'Behoben',
  },
  live: {
    connecting: 'Verbinde…',
    online: 'Live',
    offline: (since) => `Offline seit ${since} – letzter bekannter Stand`,
  },
  errors: {
    generic: 'Etwas ist schiefgelaufen.',
    notFound: 'Diese Seite gibt es nicht.',
    home: 'Zur Übersicht',
  },
  problems: {
    unreachable: 'Der Server ist nicht erreichbar. Bitte das Netzwerk prüfen und erneut versuchen.',
    unavailable: 'Das System ist kurz nicht verfügbar. Bitte gleich noch einmal versuchen.',
    forbidden: 'Ihre Rolle darf das nicht.',
    notFound: 'Das gibt es nicht mehr. Es wurde vielleicht entfernt.',
    conflict: 'Jemand anderes hat das inzwischen geändert.',
    tooMany: 'Zu viele Anfragen. Bitte kurz warten und erneut versuchen.',
    invalid: 'Bitte die markierten Felder prüfen.',
    signedOut: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    generic:
      'Das hat nicht geklappt. Bitte erneut versuchen; wenn es weiter fehlschlägt, der Leitung Bescheid geben.',
  },
  fieldProblems: {
    required: 'Pflichtfeld.',
    tooLong: 'Zu lang.',
    tooShort: 'Zu kurz.',
    email: 'Keine gültige E-Mail-Adresse.',
    range: 'Außerhalb des erlaubten Bereichs.',
    invalid: 'Kein gültiger Wert.',
    unique: 'Bereits vergeben.',
  },
  form: {
    save: 'Speichern',
    saving: 'Speichert…',
    saved: 'Gespeichert',
    cancel: 'Abbrechen',
    close: 'Schließen',
    retry: 'Erneut versuchen',
    loading: 'Lädt…',
    loadFailed: 'Das konnte nicht geladen werden.',
    optional: 'optional',
    copy: 'Kopieren',
    copied: 'Kopiert',
    more: 'Mehr laden',
  },
};
