import { analyzerFor, lexeme } from '../../plugins/search/server/src/utils/languages';
import { markdownToText, plainText } from '../../plugins/search/server/src/utils/plain-text';
import { snippet } from '../../plugins/search/server/src/utils/snippet';
import { queryWords, words } from '../../plugins/search/server/src/utils/tokens';
import { typoVariants } from '../../plugins/search/server/src/utils/typos';

/**
 * What PostgreSQL 15's `to_tsvector(config, word)` gives for these words (null: a stop word),
 * recorded from it. SQLite's index is built by the JavaScript analysis: it must give the same,
 * or the two databases would find different documents. (tests/api/search-index.test.ts asks
 * the running database for the same words, on SQLite and on PostgreSQL.)
 */
const POSTGRES_LEXEMES: Record<string, Record<string, string | null>> = {
  en: {
    '2018': '2018',
    communicate: 'communic',
    communication: 'communic',
    communications: 'communic',
    unions: 'union',
    workers: 'worker',
    organisations: 'organis',
    organizations: 'organ',
    running: 'run',
    the: null,
    naïve: 'naïv',
    x86: 'x86',
  },
  ru: {
    '2018': '2018',
    турин: 'турин',
    турине: 'турин',
    туринском: 'туринск',
    профсоюзов: 'профсоюз',
    профсоюзы: 'профсоюз',
    коммуникаций: 'коммуникац',
    молодежь: 'молодеж',
    strapi: 'strapi',
    unions: 'union',
    и: null,
    в: null,
  },
  fr: {
    syndicats: 'syndicat',
    syndicat: 'syndicat',
    travailleurs: 'travailleur',
    travailleur: 'travailleur',
    formation: 'format',
    formations: 'format',
    communication: 'commun',
    le: null,
    réunions: 'réunion',
  },
  es: {
    sindicatos: 'sindicat',
    sindicato: 'sindicat',
    trabajadores: 'trabaj',
    trabajador: 'trabaj',
    comunicación: 'comun',
    formación: 'formacion',
    los: null,
    reuniones: 'reunion',
  },
  kk: { кәсіподақтар: 'кәсіподақтар', жұмысшылар: 'жұмысшылар', union: 'union' },
};

describe('words', () => {
  it('splits on everything but letters and digits, so search syntax is never syntax', () => {
    expect(words('"union" AND (wages*) | strike:* & -solidarity ^2 NEAR(a b)')).toEqual([
      'union',
      'and',
      'wages',
      'strike',
      'solidarity',
      '2',
      'near',
      'a',
      'b',
    ]);
    expect(words('"*:&|(\'\\')).toEqual([]);
    expect(words("l'union ITC-ILO e-mail")).toEqual(['l', 'union', 'itc', 'ilo', 'e', 'mail']);
  });

  it('normalises case, ё, compatibility forms and combining marks', () => {
    expect(words('МОЛОДЁЖЬ Ёлка')).toEqual(['молодежь', 'елка']);
    expect(words('ﬁnance ＵＮＩＯＮ ２０１８')).toEqual(['finance', 'union', '2018']);
    // "é" written as e + U+0301 is the same word as the composed "é".
    expect(words('re\u0301union')).toEqual(words('réunion'));
    expect(queryWords('Union union UNION wages')).toEqual(['union', 'wages']);
  });
});

describe('lexemes', () => {
  it.each(Object.entries(POSTGRES_LEXEMES))('%s: the JavaScript analysis gives what PostgreSQL gives', (locale, expected) => {
    const analyzer = analyzerFor(locale);
    for (const [word, value] of Object.entries(expected)) expect([word, lexeme(analyzer, word)]).toEqual([word, value]);
  });

  it('stems per language, so word forms meet', () => {
    expect(lexeme(analyzerFor('ru'), 'турине')).toBe(lexeme(analyzerFor('ru'), 'турин'));
    expect(lexeme(analyzerFor('en'), 'communicate')).toBe(lexeme(analyzerFor('en'), 'communication'));
    expect(lexeme(analyzerFor('fr-CA'), 'syndicats')).toBe('syndicat');
    // Kazakh (and any locale without a stemmer): words are kept as they are.
    expect(lexeme(analyzerFor('kk'), 'кәсіподақтар')).toBe('кәсіподақтар');
    expect(lexeme(analyzerFor('de'), 'gewerkschaften')).toBe('gewerkschaften');
  });
});

describe('typoVariants', () => {
  const variants = new Set(typoVariants('кәсіподақ'));

  it('gives every word one typo away, and not the word', () => {
    expect(variants.has('кәсиподақ')).toBe(true); // і replaced by и
    expect(variants.has('кәсподақ')).toBe(true); // a letter left out
    expect(variants.has('кәсіподақт')).toBe(true); // a letter added
    expect(variants.has('кәісподақ')).toBe(true); // neighbours swapped
    expect(variants.has('кәсіподақ')).toBe(false);
    expect(variants.has('касиподақ')).toBe(false); // two typos
  });

  it('gives none for words under four letters', () => {
    expect(typoVariants('кәс')).toEqual([]);
  });
});

describe('plain text', () => {
  it('keeps what a reader sees of Markdown and drops markup, link targets and scripts', () => {
    const text = markdownToText(
      [
        '## Heading **bold**',
        'A [link label](https://tracker.example/x) and ![a photo](photo.png) and `code`.',
        '<div class="x">block <b>html</b><script>alert("block")</script></div>',
        'inline <script>alert("inline")</script><em>html</em> &amp; &lt;b&gt;escaped&lt;/b&gt;',
        '- item one\n- item two',
      ].join('\n\n'),
    );
    expect(text).toBe('Heading bold A link label and a photo and code. block html inline html & escaped item one item two');
  });

  it('leaves no snippet markers of its own', () => {
    expect(plainText('a [[b]] c [[[d]]]', false)).toBe('a [b] c [d]');
  });
});

describe('snippet', () => {
  const text =
    'Participants from 10 countries came together to discuss communication. ' +
    'The Federation of Trade Unions of Kazakhstan is represented by its director, who spoke about the communication of unions.';
  const isUnion = (word: string) => lexeme(analyzerFor('en'), word) === 'union';

  it('marks each matched word with [[ and ]] around the first match', () => {
    expect(snippet(text, isUnion, 80)).toBe('…together to discuss communication. The Federation of Trade [[Unions]] of Kazakhstan…');
  });

  it('starts at the beginning when the match is near it, or when nothing matches', () => {
    expect(snippet('Trade unions meet.', isUnion)).toBe('Trade [[unions]] meet.');
    expect(snippet(text, () => false, 40)).toBe('Participants from 10 countries came…');
    expect(snippet('', isUnion)).toBe('');
  });
});
