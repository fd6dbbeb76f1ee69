import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration, messages } from '#lib/messages.ts';
import { de } from './de/index.ts';
import { en } from './en/index.ts';
import { browserLocale, locale } from './locale.svelte.ts';

afterEach(() => locale.set('en'));

/** Every key path of a catalogue, functions as leaves. */
function keys(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [path];
  return Object.entries(value).flatMap(([k, v]) => keys(v, path ? `${path}.${k}` : k));
}

describe('the message catalogues', () => {
  it('German has exactly the keys of English, and no text left in English by mistake', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
    const same = keys(en).filter((k) => {
      const get = (c: unknown) => k.split('.').reduce<unknown>((o, p) => (o as never)[p], c);
      const a = get(en);
      return typeof a === 'string' && a === get(de) && a.length > 12;
    });
    expect(same).toEqual([]);
  });

  it("picks the first of the browser's languages it has, else English", () => {
    expect(browserLocale(['de-AT', 'en-US'])).toBe('de');
    expect(browserLocale(['fr-FR', 'de'])).toBe('de');
    expect(browserLocale(['fr-FR'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });

  it('switches every message and format at once, and keeps the choice', () => {
    expect(messages.board.title).toBe('Machine board');
    locale.set('de');
    expect(messages.board.title).toBe('Maschinenübersicht');
    expect(messages.board.severity('HIGH')).toBe('Schwere: Hoch');
    expect(document.documentElement.lang).toBe('de');
    expect(localStorage.getItem('shopfloor.locale')).toBe('de');
    expect(formatDuration(4 * 60_000 + 12_000)).toMatch(/4 Min\.?,? 12 Sek/);
    locale.set('en');
    expect(formatDuration(4 * 60_000 + 12_000)).toBe('4m 12s');
    expect(formatDuration(26 * 3_600_000)).toBe('1d 2h');
    // A timer's first second too.
    expect(formatDuration(400)).toBe('0s');
  });
});
