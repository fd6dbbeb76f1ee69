import type { Messages } from '../en/index.ts';

export const account: Messages['account'] = {
  title: 'Konto',
  menu: 'Kontomenü',
  name: 'Name',
  email: 'E-Mail',
  role: 'Rolle',
  language: 'Sprache',
  languages: { en: 'English', de: 'Deutsch' },
  changePassword: 'Passwort ändern',
  currentPassword: 'Aktuelles Passwort',
  newPassword: 'Neues Passwort',
  repeatPassword: 'Neues Passwort wiederholen',
  passwordRule: '8 bis 128 Zeichen; sehr verbreitete Passwörter werden abgelehnt.',
  passwordsDiffer: 'Die beiden neuen Passwörter sind verschieden.',
  passwordChanged: 'Passwort geändert. Alle anderen Geräte wurden abgemeldet.',
  everywhere: 'Überall abmelden',
  everywhereHint:
    'Beendet Ihre Sitzung auf allen Geräten: Telefone, gemeinsam genutzte PCs, andere Browser und dieser hier.',
  everywhereConfirm: 'Auf allen Geräten abmelden, auch auf diesem?',
};
