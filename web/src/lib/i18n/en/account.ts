export const account = {
  title: 'Account',
  menu: 'Account menu',
  language: 'Language',
  languages: { en: 'English', de: 'Deutsch' },
};
