/**
 * The site's languages and its own words (the content comes from the CMS). A reader of a language
 * the CMS has no version in gets the CMS's fallback (kk → ru → en, fr → en, es → en, ru → en)
 * and is told so.
 */

export const LOCALES = ['en', 'ru', 'kk', 'fr', 'es'];
export const DEFAULT_LOCALE = 'en';

/** Each language's name in itself, for the switcher. */
export const NATIVE_NAMES = { en: 'English', ru: 'Русский', kk: 'Қазақша', fr: 'Français', es: 'Español' };

/**
 * @typedef {object} Words
 * @property {string} siteName
 * @property {string} stories
 * @property {string} events
 * @property {string} search
 * @property {string} searchLabel
 * @property {string} searchButton
 * @property {string} language
 * @property {Record<string, string>} shownIn "Shown in Russian", per language served
 * @property {string} noVersionYet "no Kazakh version yet", in this language about itself
 * @property {string} publishedBy
 * @property {string} originallyPublishedBy
 * @property {string} licence
 * @property {string} topics
 * @property {string} relatedEvents
 * @property {string} addToCalendar
 * @property {string} subscribeCalendar
 * @property {string} feeds
 * @property {string} noStories
 * @property {string} noEvents
 * @property {(query: string, total: number) => string} resultsFor
 * @property {string} noResults
 * @property {string} previous
 * @property {string} next
 * @property {Record<string, string>} types search result types
 * @property {Record<string, string>} eventStatus
 * @property {string} online
 * @property {string} notFound
 * @property {string} cmsDown
 * @property {string} backHome
 */

/** @type {Record<string, Words>} */
export const WORDS = {
  en: {
    siteName: 'Union news',
    stories: 'Stories',
    events: 'Events',
    search: 'Search',
    searchLabel: 'Search stories, events, guides and organisations',
    searchButton: 'Search',
    language: 'Language',
    shownIn: { en: 'Shown in English', ru: 'Shown in Russian', kk: 'Shown in Kazakh', fr: 'Shown in French', es: 'Shown in Spanish' },
    noVersionYet: 'no English version yet',
    publishedBy: 'Published by',
    originallyPublishedBy: 'Originally published by',
    licence: 'Licence',
    topics: 'Topics',
    relatedEvents: 'Related events',
    addToCalendar: 'Add to calendar (.ics)',
    subscribeCalendar: 'Subscribe to all events (.ics)',
    feeds: 'Feeds',
    noStories: 'No stories yet.',
    noEvents: 'No events yet.',
    resultsFor: (query, total) => `${total} ${total === 1 ? 'result' : 'results'} for “${query}”`,
    noResults: 'Nothing found.',
    previous: 'Previous',
    next: 'Next',
    types: { story: 'Story', event: 'Event', guide: 'Guide', organisation: 'Organisation' },
    eventStatus: { scheduled: 'Scheduled', postponed: 'Postponed', cancelled: 'Cancelled' },
    online: 'Online',
    notFound: 'This page does not exist.',
    cmsDown: 'The content is not available right now. Please try again in a moment.',
    backHome: 'Back to the stories',
  },
  ru: {
    siteName: 'Профсоюзные новости',
    stories: 'Новости',
    events: 'События',
    search: 'Поиск',
    searchLabel: 'Поиск по новостям, событиям, руководствам и организациям',
    searchButton: 'Найти',
    language: 'Язык',
    shownIn: {
      en: 'Показано на английском',
      ru: 'Показано на русском',
      kk: 'Показано на казахском',
      fr: 'Показано на французском',
      es: 'Показано на испанском',
    },
    noVersionYet: 'русской версии пока нет',
    publishedBy: 'Опубликовано:',
    originallyPublishedBy: 'Первоначально опубликовано:',
    licence: 'Лицензия',
    topics: 'Темы',
    relatedEvents: 'Связанные события',
    addToCalendar: 'Добавить в календарь (.ics)',
    subscribeCalendar: 'Подписаться на все события (.ics)',
    feeds: 'Ленты',
    noStories: 'Новостей пока нет.',
    noEvents: 'Событий пока нет.',
    resultsFor: (query, total) => `Найдено по запросу «${query}»: ${total}`,
    noResults: 'Ничего не найдено.',
    previous: 'Назад',
    next: 'Далее',
    types: { story: 'Новость', event: 'Событие', guide: 'Руководство', organisation: 'Организация' },
    eventStatus: { scheduled: 'Запланировано', postponed: 'Перенесено', cancelled: 'Отменено' },
    online: 'Онлайн',
    notFound: 'Такой страницы нет.',
    cmsDown: 'Материалы сейчас недоступны. Попробуйте чуть позже.',
    backHome: 'К новостям',
  },
  kk: {
    siteName: 'Кәсіподақ жаңалықтары',
    stories: 'Жаңалықтар',
    events: 'Іс-шаралар',
    search: 'Іздеу',
    searchLabel: 'Жаңалықтар, іс-шаралар, нұсқаулықтар мен ұйымдар бойынша іздеу',
    searchButton: 'Іздеу',
    language: 'Тіл',
    shownIn: {
      en: 'Ағылшын тілінде көрсетілген',
      ru: 'Орыс тілінде көрсетілген',
      kk: 'Қазақ тілінде көрсетілген',
      fr: 'Француз тілінде көрсетілген',
      es: 'Испан тілінде көрсетілген',
    },
    noVersionYet: 'қазақша нұсқасы әлі жоқ',
    publishedBy: 'Жариялаған:',
    originallyPublishedBy: 'Алғаш жариялаған:',
    licence: 'Лицензия',
    topics: 'Тақырыптар',
    relatedEvents: 'Байланысты іс-шаралар',
    addToCalendar: 'Күнтізбеге қосу (.ics)',
    subscribeCalendar: 'Барлық іс-шараларға жазылу (.ics)',
    feeds: 'Арналар',
    noStories: 'Әзірге жаңалық жоқ.',
    noEvents: 'Әзірге іс-шара жоқ.',
    resultsFor: (query, total) => `«${query}» бойынша табылғаны: ${total}`,
    noResults: 'Ештеңе табылмады.',
    previous: 'Алдыңғы',
    next: 'Келесі',
    types: { story: 'Жаңалық', event: 'Іс-шара', guide: 'Нұсқаулық', organisation: 'Ұйым' },
    eventStatus: { scheduled: 'Жоспарланған', postponed: 'Кейінге қалдырылды', cancelled: 'Тоқтатылды' },
    online: 'Онлайн',
    notFound: 'Мұндай бет жоқ.',
    cmsDown: 'Материалдар қазір қолжетімсіз. Сәлден соң қайталап көріңіз.',
    backHome: 'Жаңалықтарға оралу',
  },
  fr: {
    siteName: 'Actualités syndicales',
    stories: 'Articles',
    events: 'Événements',
    search: 'Recherche',
    searchLabel: 'Rechercher des articles, événements, guides et organisations',
    searchButton: 'Rechercher',
    language: 'Langue',
    shownIn: { en: 'Affiché en anglais', ru: 'Affiché en russe', kk: 'Affiché en kazakh', fr: 'Affiché en français', es: 'Affiché en espagnol' },
    noVersionYet: 'pas encore de version française',
    publishedBy: 'Publié par',
    originallyPublishedBy: 'Publié à l’origine par',
    licence: 'Licence',
    topics: 'Thèmes',
    relatedEvents: 'Événements liés',
    addToCalendar: 'Ajouter au calendrier (.ics)',
    subscribeCalendar: 'S’abonner à tous les événements (.ics)',
    feeds: 'Flux',
    noStories: 'Aucun article pour l’instant.',
    noEvents: 'Aucun événement pour l’instant.',
    resultsFor: (query, total) => `${total} résultat${total === 1 ? '' : 's'} pour « ${query} »`,
    noResults: 'Aucun résultat.',
    previous: 'Précédent',
    next: 'Suivant',
    types: { story: 'Article', event: 'Événement', guide: 'Guide', organisation: 'Organisation' },
    eventStatus: { scheduled: 'Prévu', postponed: 'Reporté', cancelled: 'Annulé' },
    online: 'En ligne',
    notFound: 'Cette page n’existe pas.',
    cmsDown: 'Le contenu n’est pas disponible pour le moment. Réessayez dans un instant.',
    backHome: 'Retour aux articles',
  },
  es: {
    siteName: 'Noticias sindicales',
    stories: 'Noticias',
    events: 'Eventos',
    search: 'Buscar',
    searchLabel: 'Buscar noticias, eventos, guías y organizaciones',
    searchButton: 'Buscar',
    language: 'Idioma',
    shownIn: { en: 'Se muestra en inglés', ru: 'Se muestra en ruso', kk: 'Se muestra en kazajo', fr: 'Se muestra en francés', es: 'Se muestra en español' },
    noVersionYet: 'aún no hay versión en español',
    publishedBy: 'Publicado por',
    originallyPublishedBy: 'Publicado originalmente por',
    licence: 'Licencia',
    topics: 'Temas',
    relatedEvents: 'Eventos relacionados',
    addToCalendar: 'Añadir al calendario (.ics)',
    subscribeCalendar: 'Suscribirse a todos los eventos (.ics)',
    feeds: 'Canales',
    noStories: 'Todavía no hay noticias.',
    noEvents: 'Todavía no hay eventos.',
    resultsFor: (query, total) => `${total} resultado${total === 1 ? '' : 's'} para «${query}»`,
    noResults: 'No se encontró nada.',
    previous: 'Anterior',
    next: 'Siguiente',
    types: { story: 'Noticia', event: 'Evento', guide: 'Guía', organisation: 'Organización' },
    eventStatus: { scheduled: 'Programado', postponed: 'Aplazado', cancelled: 'Cancelado' },
    online: 'En línea',
    notFound: 'Esta página no existe.',
    cmsDown: 'El contenido no está disponible en este momento. Inténtelo de nuevo en un momento.',
    backHome: 'Volver a las noticias',
  },
};

/**
 * The language a visitor of `/` prefers, from Accept-Language (`kk-KZ,ru;q=0.8`), among ours.
 * @param {string | undefined} header
 */
export const preferredLocale = (header) => {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)).find(Boolean);
      return { language: tag.toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1 };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((entry) => LOCALES.includes(entry.language))?.language ?? DEFAULT_LOCALE;
};
