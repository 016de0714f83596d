/** Deterministic pseudo-random content: the same scale always yields the same data set. */

export const rng = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export type Random = ReturnType<typeof rng>;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

export const pickSome = <T>(random: Random, items: readonly T[], min: number, max: number): T[] => {
  const count = Math.min(items.length, min + Math.floor(random() * (max - min + 1)));
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(random, items));
  return [...chosen];
};

export const WORDS: Record<string, string[]> = {
  en: 'union workers federation rights wages training course collective bargaining solidarity safety youth women migrant informal digital economy congress delegates agreement decent work strike council members regional national international communication campaign'.split(
    ' ',
  ),
  ru: 'профсоюз работники федерация права зарплата обучение курс коллективный договор солидарность безопасность молодежь женщины мигранты цифровая экономика съезд делегаты соглашение достойный труд совет члены региональный национальный'.split(
    ' ',
  ),
  kk: 'кәсіподақ жұмысшылар федерация құқықтар жалақы оқыту курс ұжымдық шарт ынтымақ қауіпсіздік жастар әйелдер көші-қон цифрлық экономика съезд делегаттар келісім лайықты еңбек кеңес мүшелер өңірлік ұлттық'.split(
    ' ',
  ),
};

export const words = (random: Random, locale: string, count: number): string => {
  const list = WORDS[locale] ?? WORDS.en;
  return Array.from({ length: count }, () => pick(random, list)).join(' ');
};

export const sentence = (random: Random, locale: string, min = 8, max = 18): string => {
  const text = words(random, locale, min + Math.floor(random() * (max - min)));
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

/** A Markdown body of about 3 KB: headings, paragraphs, a list and a link, as editors write. */
export const markdownBody = (random: Random, locale: string): string => {
  const paragraphs = (n: number) => Array.from({ length: n }, () => Array.from({ length: 4 }, () => sentence(random, locale)).join(' '));
  return [
    `## ${sentence(random, locale, 3, 6)}`,
    ...paragraphs(3),
    `- ${sentence(random, locale, 4, 8)}\n- ${sentence(random, locale, 4, 8)}\n- **${words(random, locale, 3)}**`,
    `### ${sentence(random, locale, 3, 6)}`,
    ...paragraphs(2),
    `[${words(random, locale, 2)}](https://example.org/${Math.floor(random() * 1e6)})`,
  ].join('\n\n');
};

export const COUNTRIES = ['KZ', 'IT', 'FR', 'ES', 'DE', 'RU', 'KG', 'UZ', 'TJ', 'BE', 'CH', 'GB', 'US', 'BR', 'ZA', 'IN'] as const;
export const TIME_ZONES = ['Europe/Rome', 'Asia/Almaty', 'Europe/Paris', 'Europe/Madrid', 'Europe/Brussels', 'UTC', 'America/Sao_Paulo'] as const;
export const CITIES = ['Turin', 'Astana', 'Almaty', 'Geneva', 'Brussels', 'Paris', 'Madrid'] as const;
