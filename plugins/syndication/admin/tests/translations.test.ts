import fs from 'fs';
import path from 'path';
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../src/translations/en.json';
import ru from '../src/translations/ru.json';

/**
 * The admin page's strings: every `t(id, defaultMessage)` of the source is in en.json with that
 * same English, Russian has every key, and each message is valid ICU with the same placeholders.
 */

const SOURCE = path.join(__dirname, '..', 'src');
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** `t('id', 'default'` calls, as the components write them (one literal each). */
const calls = (): Array<{ file: string; id: string; defaultMessage: string }> =>
  sources(SOURCE).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)',\s*'((?:[^'\\]|\\.)*)'/g)].map((match) => ({
      file: path.relative(SOURCE, file),
      id: match[1],
      defaultMessage: match[2],
    })),
  );

const placeholders = (message: string): string[] => [...new Set([...message.matchAll(/\{(\w+)/g)].map((match) => match[1]))].sort();

describe('the syndication admin translations', () => {
  it('have every string of the source, in the English it is written with', () => {
    const found = calls();
    expect(found.length).toBeGreaterThan(100);
    const english = en as Record<string, string>;
    expect(found.filter((call) => english[call.id] !== call.defaultMessage)).toEqual([]);
  });

  it('have Russian for every English key, and no other', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    const russian = ru as Record<string, string>;
    // A key left in English would show English to a Russian editor.
    expect(Object.keys(en).filter((key) => russian[key] === (en as Record<string, string>)[key] && /[a-z]{3}/.test(russian[key]))).toEqual([]);
  });

  it.each(Object.keys(en))('%s is valid ICU in both languages, with the same placeholders', (key) => {
    const english = (en as Record<string, string>)[key];
    const russian = (ru as Record<string, string>)[key];
    expect(() => new IntlMessageFormat(english, 'en')).not.toThrow();
    expect(() => new IntlMessageFormat(russian, 'ru')).not.toThrow();
    expect(placeholders(russian)).toEqual(placeholders(english));
  });

  it('says a number of attempts in good Russian', () => {
    const message = new IntlMessageFormat((ru as Record<string, string>)['deliveries.attempts.toggle'], 'ru');
    expect([1, 3, 5, 21].map((count) => message.format({ count }))).toEqual([
      '1 попытка: показать или скрыть',
      '3 попытки: показать или скрыть',
      '5 попыток: показать или скрыть',
      '21 попытка: показать или скрыть',
    ]);
  });
});
