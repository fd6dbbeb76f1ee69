import type { Messages } from '../en/index.ts';

export const account: Messages['account'] = {
  title: 'Konto',
  menu: 'Kontomenü',
  language: 'Sprache',
  languages: { en: 'English', de: 'Deutsch' },
};
