/**
 * The first real content: a news story of the Federation of Trade Unions of the Republic of
 * Kazakhstan (FPRK) about an ITC-ILO course in Turin (source: shared/source, in Russian),
 * with an English translation and the organisations, event, participant, guides and
 * topics it mentions.
 *
 * DATES ARE ILLUSTRATIVE: the article gives no year. The course is placed in the week of
 * 24-28 March 2025 (the Innovation Lab launch on 28 March), and the 2018 guide keeps the
 * year the article gives. Contact details of participants are fictitious (example.org),
 * there only to show that they never reach the public.
 */

type Localized<T> = { en: T; ru: T };

export type TopicSeed = { slug: string; name: Localized<string> };
export type OrganisationSeed = {
  slug: string;
  kind: 'national_federation' | 'sectoral_union' | 'global_union_federation' | 'international_organisation' | 'training_centre' | 'ngo';
  country?: string;
  website?: string;
  parent?: string;
  name: Localized<string>;
  acronym?: Localized<string>;
  description?: Localized<string>;
};
export type GuideSeed = {
  slug: string;
  publisher: string;
  publicationDate: string;
  continues?: string;
  audiences: string[];
  topics: string[];
  title: Localized<string>;
  summary: Localized<string>;
  series?: Localized<string>;
  edition?: Localized<string>;
};
export type ParticipantSeed = {
  key: string;
  fullName: string;
  organisation: string;
  country: string;
  publicConsent: boolean;
  email: string;
  phone: string;
  position: Localized<string>;
};
export type EventSeed = {
  slug: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: 'in_person' | 'online' | 'hybrid';
  eventStatus: 'scheduled' | 'postponed' | 'cancelled';
  venue: { name: string; city: string; country: string; street?: string; postalCode?: string };
  organisers: string[];
  partners: string[];
  guides: string[];
  topics: string[];
  participations: Array<{ participant: string; role: 'organiser' | 'trainer' | 'speaker' | 'participant' }>;
  title: Localized<string>;
  summary: Localized<string>;
  body: Localized<string>;
};
export type StorySeed = {
  key: string;
  publisher: string;
  licence: string;
  events: string[];
  guides: string[];
  topics: string[];
  slug: Localized<string>;
  title: Localized<string>;
  lead: Localized<string>;
  body: Localized<string>;
};

export const topics: TopicSeed[] = [
  { slug: 'advocacy', name: { en: 'Advocacy', ru: 'Адвокация' } },
  { slug: 'communication', name: { en: 'Communication', ru: 'Коммуникация' } },
  { slug: 'union-revitalisation', name: { en: 'Union revitalisation', ru: 'Активизация профсоюзов' } },
  { slug: 'youth', name: { en: 'Young workers', ru: 'Молодёжь' } },
  { slug: 'women', name: { en: 'Women', ru: 'Женщины' } },
  { slug: 'migrant-workers', name: { en: 'Migrant workers', ru: 'Трудящиеся-мигранты' } },
  { slug: 'informal-economy', name: { en: 'Informal economy', ru: 'Неформальная экономика' } },
  { slug: 'digital-economy', name: { en: 'Digital economy', ru: 'Цифровая экономика' } },
];

export const organisations: OrganisationSeed[] = [
  {
    slug: 'ilo',
    kind: 'international_organisation',
    website: 'https://www.ilo.org',
    name: { en: 'International Labour Organization', ru: 'Международная организация труда' },
    acronym: { en: 'ILO', ru: 'МОТ' },
  },
  {
    slug: 'actrav',
    kind: 'international_organisation',
    parent: 'ilo',
    website: 'https://www.ilo.org/actrav',
    name: { en: "ILO Bureau for Workers' Activities", ru: 'Бюро МОТ по деятельности трудящихся' },
    acronym: { en: 'ACTRAV', ru: 'ACTRAV' },
  },
  {
    slug: 'itc-ilo',
    kind: 'training_centre',
    country: 'IT',
    parent: 'ilo',
    website: 'https://www.itcilo.org',
    name: {
      en: 'International Training Centre of the ILO',
      ru: 'Международный учебный центр МОТ (Туринский учебный центр)',
    },
    acronym: { en: 'ITC-ILO', ru: 'МУЦ МОТ' },
  },
  {
    slug: 'itc-ilo-innovation-lab',
    kind: 'training_centre',
    country: 'IT',
    parent: 'itc-ilo',
    name: { en: 'ITC-ILO Innovation Lab', ru: 'Инновационная лаборатория Туринского учебного центра' },
    description: {
      en: 'Officially launched on 28 March at the International Training Centre of the ILO in Turin.',
      ru: 'Официально запущена 28 марта при Туринском учебном центре МОТ.',
    },
  },
  {
    slug: 'fprk',
    kind: 'national_federation',
    country: 'KZ',
    name: {
      en: 'Federation of Trade Unions of the Republic of Kazakhstan',
      ru: 'Федерация профсоюзов Республики Казахстан',
    },
    acronym: { en: 'FPRK', ru: 'ФПРК' },
  },
];

export const guides: GuideSeed[] = [
  {
    slug: 'communication-for-impact',
    publisher: 'actrav',
    publicationDate: '2018-01-01',
    audiences: [],
    topics: ['communication'],
    title: {
      en: "Communication for impact: a guide for strengthening workers' organisations",
      ru: 'Коммуникация для достижения эффекта: Руководство по укреплению организаций трудящихся',
    },
    summary: {
      en: "ACTRAV's 2018 guide on communication for strengthening workers' organisations.",
      ru: 'Руководство ACTRAV 2018 года о коммуникации для укрепления организаций трудящихся.',
    },
    edition: { en: '2018', ru: '2018' },
  },
  {
    slug: 'advocacy-for-strengthening-workers-organisations',
    publisher: 'actrav',
    publicationDate: '2025-03-28',
    continues: 'communication-for-impact',
    audiences: ['youth', 'women', 'migrant-workers', 'informal-economy', 'digital-economy'],
    topics: ['advocacy', 'communication', 'union-revitalisation'],
    title: {
      en: "Advocacy for strengthening workers' organisations",
      ru: 'Руководство по адвокации для укрепления организаций трудящихся',
    },
    summary: {
      en: "The first of a series of ACTRAV guides on union communication topics. It shows the role of advocacy in strengthening unions' influence at national, regional and global level, and helps unions strengthen their image and reputation to attract new members and increase their influence on policy and decision makers.",
      ru: 'Первое в серии публикаций ACTRAV по конкретным темам коммуникации профсоюзов. Раскрывает роль информационно-пропагандистской деятельности для усиления влияния профсоюзов на национальном, региональном и глобальном уровнях.',
    },
    series: { en: 'Union communication', ru: 'Коммуникация профсоюзов' },
    edition: { en: '1st edition', ru: '1-е издание' },
  },
];

export const participants: ParticipantSeed[] = [
  {
    key: 'takhmina-kubasheva',
    fullName: 'Takhmina Kubasheva',
    organisation: 'fprk',
    country: 'KZ',
    publicConsent: true,
    email: 't.kubasheva@example.org',
    phone: '+7 700 000 00 01',
    position: {
      en: 'Director of the Department of International Cooperation, FPRK',
      ru: 'Директор Департамента международного сотрудничества ФПРК',
    },
  },
  {
    key: 'unnamed-participant',
    fullName: 'Demo participant without consent',
    organisation: 'itc-ilo',
    country: 'IT',
    publicConsent: false,
    email: 'no-consent@example.org',
    phone: '+39 000 000 0000',
    position: { en: 'Course participant', ru: 'Участник курса' },
  },
];

export const events: EventSeed[] = [
  {
    slug: 'turin-course-advocacy-union-revitalisation',
    startsAt: '2025-03-24T08:00:00.000Z',
    endsAt: '2025-03-28T16:00:00.000Z',
    timeZone: 'Europe/Rome',
    format: 'in_person',
    eventStatus: 'scheduled',
    venue: { name: 'International Training Centre of the ILO', street: 'Viale Maestri del Lavoro 10', postalCode: '10127', city: 'Turin', country: 'IT' },
    organisers: ['itc-ilo'],
    partners: ['actrav'],
    guides: ['advocacy-for-strengthening-workers-organisations'],
    topics: ['advocacy', 'communication', 'union-revitalisation'],
    participations: [
      { participant: 'takhmina-kubasheva', role: 'participant' },
      { participant: 'unnamed-participant', role: 'participant' },
    ],
    title: {
      en: 'Information and advocacy work for union revitalisation',
      ru: 'Информационно-пропагандистская деятельность в целях активизации деятельности профсоюзов',
    },
    summary: {
      en: 'A training course of the ITC-ILO in Turin with participants from 10 countries and 5 international organisations.',
      ru: 'Учебный курс Туринского учебного центра МОТ: участники из 10 стран и 5 международных организаций.',
    },
    body: {
      en: 'Participants exchange views and experience on communication and on making the work of the trade union movement better known. On 28 March the ITC-ILO Innovation Lab is officially launched, and ACTRAV presents its guide on advocacy.',
      ru: 'Участники обсуждают и обмениваются мнениями и опытом по вопросам коммуникации, популяризации деятельности профсоюзного движения. 28 марта состоится официальный запуск Инновационной лаборатории при Туринском учебном центре, где ACTRAV представит руководство по адвокации.',
    },
  },
];

export const stories: StorySeed[] = [
  {
    key: 'turin-course',
    publisher: 'fprk',
    licence: 'CC-BY-4.0',
    events: ['turin-course-advocacy-union-revitalisation'],
    guides: ['advocacy-for-strengthening-workers-organisations', 'communication-for-impact'],
    topics: ['advocacy', 'communication', 'union-revitalisation'],
    slug: {
      en: 'national-unions-discuss-modern-communication-in-turin',
      ru: 'v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii',
    },
    title: {
      en: 'In Turin, national trade union representatives discuss the challenges of modern communication',
      ru: 'В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций',
    },
    lead: {
      en: "A training course on information and advocacy work for union revitalisation, organised by the ILO's International Training Centre in Turin, is under way in Italy.",
      ru: 'В Италии проходит учебный курс «Информационно-пропагандистская деятельность в целях активизации деятельности профсоюзов», организованный Туринским учебным центром Международной организации труда.',
    },
    body: {
      en: [
        'Participants from 10 countries and 5 international organisations have come together to discuss and share views and experience on communication and on making the work of the trade union movement better known. The Federation of Trade Unions of the Republic of Kazakhstan is represented by Takhmina Kubasheva, Director of the FPRK Department of International Cooperation.',
        "On 28 March the Innovation Lab of the Turin Training Centre is officially launched, where a guide on strengthening trade unions was presented. Information and advocacy work is one of the most effective tools for revitalising the labour movement, participants note. The ILO Bureau for Workers' Activities (ACTRAV) has prepared a guide to support workers' organisations in this work.",
        'The document continues ACTRAV\'s guide "Communication for impact: a guide for strengthening workers\' organisations", launched in 2018. It is the first in a series of publications on specific topics of union communication. It responds to a demand voiced by the unions and sets out the role and importance of information and advocacy work in strengthening the influence of unions at national, regional and global level.',
        '> "The guide offered to the seminar participants aims to stimulate the communication side of union work. Here, best practice in advocacy is exchanged, as a tool with which workers\' organisations assert and defend their influence," said Takhmina Kubasheva.',
        'The ILO hopes that the guide will help the trade union movement develop effective information and advocacy work to: strengthen their image and reputation to attract new members, especially young people, women, migrant workers, workers of the informal economy and of the digital economy; and increase their influence on the policies and actions of decision makers at all relevant levels.',
      ].join('\n\n'),
      ru: [
        'Участники с 10 стран и 5 международных организаций собрались, чтобы обсудить и обменяться мнениями и опытом по вопросам коммуникации, популяризации деятельности профсоюзного движения. Федерацию профсоюзов РК на мероприятии представляет директор Департамента международного сотрудничества ФПРК Тахмина Кубашева.',
        '28 марта состоятся официальный запуск Инновационной лаборатории при Туринском учебном центре, где было презентовано Руководство по укреплению профсоюзов. Одним из наиболее эффективных инструментов для активизации рабочего движения является информационно-пропагандистская деятельность, отмечают участники. Бюро МОТ по вопросам деятельности трудящихся (ACTRAV) подготовила руководство для поддержки организаций трудящихся в работе по активизации деятельности.',
        'Документ является продолжением руководства ACTRAV «Коммуникация для достижения эффекта: Руководство по укреплению Организации трудящихся», запущенного в 2018 году. Руководство является первым в серии публикаций по конкретным темам, связанным с коммуникацией профсоюзов. Документ является своего рода откликом на требование, высказанное профсоюзами и раскрывает роль и значение информационно-пропагандистской деятельности для усиления влияния профсоюзов на национальном, региональном и глобальном уровнях.',
        '> «Руководство, предложенное участникам семинара, направлено на стимулирование коммуникационной составляющей в деятельности профсоюзов. Здесь происходит обмен передовым опытом в области адвокации, как инструмента утверждения и защиты своего влияния организациями трудящихся», – отметила Тахмина Кубашева.',
        'МОТ возлагает надежды, что Руководство поможет профсоюзному движению в разработке эффективной информационно-пропагандистской работы при реализации следующих задач: укрепить их имидж и репутацию для привлечения новых членов, особенно молодежь, женщин, трудящихся-мигрантов, работников неформальной экономики, а также цифровой экономики; усилить их влияние на политику и действия лиц, принимающих решения, на всех соответствующих уровнях.',
      ].join('\n\n'),
    },
  },
];
