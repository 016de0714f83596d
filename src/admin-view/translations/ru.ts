/**
 * Russian for the labels and help lines of the views, by their English text. The admin panel
 * (src/admin/app.tsx) shows the Russian where a label or help line still reads exactly as we set
 * it in English; one an administrator rewrote in Configure the view stays as they wrote it.
 */
export const ru: Readonly<Record<string, string>> = {
  // Story
  Title: 'Заголовок',
  'Headline, up to 300 characters. Public once the story is published.': 'Заголовок материала, до 300 символов. Публичный после публикации.',
  'Web address (slug)': 'Веб-адрес (slug)',
  Slug: 'Slug',
  'Last part of the story’s URL, made from the title: lower-case letters, digits and hyphens (turin-course). Public.':
    'Последняя часть адреса материала, создаётся из заголовка: строчные латинские буквы, цифры и дефисы (turin-course). Публичный.',
  Lead: 'Лид',
  'One or two plain-text sentences that open the story and stand in lists and feeds (up to 1000 characters). Public.':
    'Одно-два предложения простым текстом, которые открывают материал и показываются в списках и лентах (до 1000 символов). Публичный.',
  Text: 'Текст',
  'The story itself, in Markdown. Public once published; partners receive it too when syndication is allowed.':
    'Сам материал в формате Markdown. Публичный после публикации; партнёры тоже получают его, если синдикация разрешена.',
  'Cover image': 'Обложка',
  'Picture shown above the story and in previews and feeds. Public.': 'Изображение над материалом, в превью и лентах. Публичное.',
  Publisher: 'Издатель',
  'Organisation that publishes the story under its name. Public.': 'Организация, от имени которой публикуется материал. Публичный.',
  'Related events': 'Связанные мероприятия',
  'Events the story reports on or announces. Public.': 'Мероприятия, о которых рассказывает или которые анонсирует материал. Публичный.',
  'Related guides': 'Связанные руководства',
  'Guides the story presents or mentions. Public.': 'Руководства, которые материал представляет или упоминает. Публичный.',
  Topics: 'Темы',
  'Subjects the story is filed under; websites list stories by topic. Public.':
    'Темы, к которым относится материал; сайты группируют материалы по темам. Публичный.',
  'Original address (canonical URL)': 'Адрес оригинала (канонический URL)',
  'Full https:// address where the story first appeared, if not here; leave empty for our own stories. Public.':
    'Полный адрес https:// страницы, где материал вышел впервые, если не у нас; для собственных материалов оставьте пустым. Публичный.',
  Licence: 'Лицензия',
  'Terms on which others may reuse the story, as an SPDX identifier (CC-BY-4.0 by default). Public, and sent to partners.':
    'Условия, на которых другие могут использовать материал, в виде идентификатора SPDX (по умолчанию CC-BY-4.0). Публичный и передаётся партнёрам.',
  Syndication: 'Синдикация',
  'Whether partner federations may republish the story, and not before when (embargo). Public; partners’ feeds and pushes follow it.':
    'Могут ли партнёрские федерации перепубликовать материал и не раньше какого времени (эмбарго). Публичный; по нему работают ленты и рассылки партнёрам.',
  'Received from': 'Получено от',
  'Filled in when the story came from a partner federation: who sent it, where and when. Leave empty for our own stories.':
    'Заполняется, если материал пришёл от партнёрской федерации: кто прислал, откуда и когда. Для собственных материалов оставьте пустым.',
  'Last changed': 'Изменено',
  'When the story was last saved.': 'Когда материал сохраняли в последний раз.',
  // Event
  'Name of the course, congress, meeting or action, up to 300 characters. Public once published.':
    'Название курса, съезда, встречи или акции, до 300 символов. Публичное после публикации.',
  'Last part of the event’s URL, made from the title: lower-case letters, digits and hyphens. Public.':
    'Последняя часть адреса мероприятия, создаётся из заголовка: строчные латинские буквы, цифры и дефисы. Публичный.',
  Summary: 'Краткое описание',
  'A short plain-text description for lists and calendars (up to 2000 characters). Public.':
    'Короткое описание простым текстом для списков и календарей (до 2000 символов). Публичное.',
  Description: 'Описание',
  'The full description: programme, aims, how to take part, in Markdown. Public once published.':
    'Полное описание: программа, цели, как принять участие, в формате Markdown. Публичное после публикации.',
  Starts: 'Начало',
  'Date and time the event begins, read in the event’s time zone below. Public.':
    'Дата и время начала мероприятия в его часовом поясе (указан ниже). Публичные.',
  Ends: 'Окончание',
  'Date and time the event ends, in the same time zone; not before the start. Public.':
    'Дата и время окончания в том же часовом поясе; не раньше начала. Публичные.',
  'Time zone': 'Часовой пояс',
  'IANA time zone of the place where it happens (Europe/Rome, Asia/Almaty; UTC for online-only). Public.':
    'Часовой пояс IANA места проведения (Europe/Rome, Asia/Almaty; UTC для полностью онлайн-мероприятий). Публичный.',
  Venue: 'Место проведения',
  'Where it takes place (city and country at least); leave empty for online-only events. Public.':
    'Где проходит мероприятие (как минимум город и страна); для полностью онлайн-мероприятий оставьте пустым. Публичное.',
  'Online link': 'Ссылка для подключения',
  'Full https:// address to join online (online and hybrid events). Public: never a private meeting link.':
    'Полный адрес https:// для участия онлайн (онлайн и гибридные мероприятия). Публичная: не указывайте закрытую ссылку на встречу.',
  Format: 'Формат',
  'In person, online or hybrid. Public.': 'Очно, онлайн или гибридно. Публичный.',
  Status: 'Статус',
  'Scheduled, postponed or cancelled; calendars show a cancelled event as cancelled. Public.':
    'Запланировано, перенесено или отменено; в календарях отменённое мероприятие отображается как отменённое. Публичный.',
  Organisers: 'Организаторы',
  'Organisations that run the event. Public.': 'Организации, которые проводят мероприятие. Публичные.',
  Partners: 'Партнёры',
  'Organisations that support or co-host it. Public.': 'Организации, которые поддерживают мероприятие или проводят его совместно. Публичные.',
  Participants: 'Участники',
  'People taking part, each with a role; only those who consented to being named are public.':
    'Люди, которые принимают участие, каждый со своей ролью; публичны только те, кто дал согласие на упоминание имени.',
  'Guides presented': 'Представленные руководства',
  'Guides launched or used at the event. Public.': 'Руководства, представленные или использованные на мероприятии. Публичные.',
  'Subjects the event is filed under. Public.': 'Темы, к которым относится мероприятие. Публичные.',
  'Picture shown with the event in lists and previews. Public.': 'Изображение мероприятия в списках и превью. Публичное.',
  // Participant
  'Full name': 'Полное имя',
  Name: 'Название',
  'As the person writes it (Takhmina Kubasheva). Public only if the person consented below.':
    'Так, как пишет его сам человек (Тахмина Кубашева). Публично, только если человек дал согласие (ниже).',
  Position: 'Должность',
  'Job title or role in the organisation. Public only with consent.': 'Должность или роль в организации. Публична только с согласия.',
  Organisation: 'Организация',
  'Where the person works or which union they represent. Public only with consent.':
    'Где человек работает или какой профсоюз представляет. Публична только с согласия.',
  Country: 'Страна',
  'Two-letter ISO 3166-1 code in capitals (KZ, IT, FR). Public only with consent.':
    'Двухбуквенный код ISO 3166-1 заглавными буквами (KZ, IT, FR). Публична только с согласия.',
  'Consented to be named publicly': 'Согласие на публичное упоминание',
  Consent: 'Согласие',
  'Only participants who consented are public: when off, this person (name, position, participations) never appears on websites, feeds or the API.':
    'Публичны только участники, давшие согласие: если выключено, этот человек (имя, должность, участие) не появляется ни на сайтах, ни в лентах, ни в API.',
  'E-mail': 'Эл. почта',
  'Contact address for the federation’s staff. Never public: editors only, in no answer of the API.':
    'Контактный адрес для сотрудников федерации. Никогда не публикуется: только для редакторов, не выдаётся API.',
  Phone: 'Телефон',
  'Contact number with country code (+7 727 ...). Never public: editors only, in no answer of the API.':
    'Контактный номер с кодом страны (+7 727 ...). Никогда не публикуется: только для редакторов, не выдаётся API.',
  // Organisation
  'Full name in this language (Federation of Trade Unions of the Republic of Kazakhstan). Public.':
    'Полное название на этом языке (Федерация профсоюзов Республики Казахстан). Публичное.',
  Acronym: 'Аббревиатура',
  'Short form in this language (FPRK, ФПРК), up to 40 characters. Public.': 'Краткое название на этом языке (ФПРК, FPRK), до 40 символов. Публичная.',
  'Last part of the organisation’s URL, made from the name: lower-case letters, digits and hyphens. Public.':
    'Последняя часть адреса организации, создаётся из названия: строчные латинские буквы, цифры и дефисы. Публичный.',
  Kind: 'Тип',
  'National federation, sectoral union, global union federation, international organisation, training centre or NGO. Public.':
    'Национальная федерация, отраслевой профсоюз, глобальная федерация профсоюзов, международная организация, учебный центр или НКО. Публичный.',
  'Two-letter ISO 3166-1 code in capitals (KZ); leave empty for international bodies. Public.':
    'Двухбуквенный код ISO 3166-1 заглавными буквами (KZ); для международных организаций оставьте пустым. Публичная.',
  'A few plain-text sentences on who they are (up to 2000 characters). Public.':
    'Несколько предложений простым текстом о том, кто они (до 2000 символов). Публичное.',
  Website: 'Сайт',
  'Full https:// address of their site. Public.': 'Полный адрес https:// их сайта. Публичный.',
  Logo: 'Логотип',
  'Their logo, as an image. Public.': 'Их логотип в виде изображения. Публичный.',
  'Part of': 'Входит в',
  'The organisation this one belongs to (ACTRAV is part of the ILO). Public.': 'Организация, в которую входит эта (АКТРАВ входит в МОТ). Публичная.',
  'Member bodies': 'Структурные подразделения',
  'Organisations that are part of this one; set from their “Part of” field. Public.': 'Организации, входящие в эту; задаётся в их поле «Входит в». Публичные.',
  // Guide
  'Title of the guide as printed, up to 300 characters. Public once published.':
    'Название руководства, как оно напечатано, до 300 символов. Публичное после публикации.',
  'Last part of the guide’s URL, made from the title: lower-case letters, digits and hyphens. Public.':
    'Последняя часть адреса руководства, создаётся из названия: строчные латинские буквы, цифры и дефисы. Публичный.',
  'What the guide is about and for whom, in plain text (up to 4000 characters). Public.':
    'О чём руководство и для кого, простым текстом (до 4000 символов). Публичное.',
  'Organisation that published the guide (ACTRAV). Public.': 'Организация, издавшая руководство (АКТРАВ). Публичный.',
  Series: 'Серия',
  'Name of the series it belongs to, if any. Public.': 'Название серии, если руководство в неё входит. Публичное.',
  Edition: 'Издание',
  'Edition as printed (2nd edition, 2025 update). Public.': 'Издание, как указано в книге (2-е издание, редакция 2025 года). Публичное.',
  'Publication date': 'Дата публикации',
  'Day the guide was published (the 1st of the month if only the month is known). Public.':
    'День выхода руководства (1-е число, если известен только месяц). Публичная.',
  ISBN: 'ISBN',
  'ISBN-13 with or without hyphens (978-92-2-031234-5); leave empty if it has none. Public.':
    'ISBN-13 с дефисами или без (978-92-2-031234-5); если ISBN нет, оставьте пустым. Публичный.',
  Continues: 'Продолжает',
  'The earlier guide this one follows on from, making a chain of editions. Public.':
    'Более раннее руководство, продолжением которого является это; так складывается цепочка изданий. Публичное.',
  'Continued by': 'Продолжено в',
  'Later guides that follow on from this one; set from their “Continues” field. Public.':
    'Более поздние руководства, продолжающие это; задаётся в их поле «Продолжает». Публичные.',
  Audiences: 'Целевые группы',
  'Who the guide is written for (young workers, women, migrant workers...). Public.':
    'Для кого написано руководство (молодые работники, женщины, трудящиеся-мигранты...). Публичные.',
  'Subjects the guide is filed under. Public.': 'Темы, к которым относится руководство. Публичные.',
  Chapters: 'Главы',
  'Its chapters, in order, with a number, a title and a summary. Public.': 'Главы по порядку, с номером, названием и кратким содержанием. Публичные.',
  File: 'Файл',
  'The guide itself in this language (PDF or similar), for download. Public.': 'Само руководство на этом языке (PDF или аналог) для скачивания. Публичный.',
  'Picture of the guide’s cover. Public.': 'Изображение обложки руководства. Публичное.',
  // Topic
  'Name of the subject in this language (Advocacy, Young workers), up to 120 characters. Public.':
    'Название темы на этом языке (Адвокация, Молодые работники), до 120 символов. Публичное.',
  'Last part of the topic’s URL, made from the name: lower-case letters, digits and hyphens. Public.':
    'Последняя часть адреса темы, создаётся из названия: строчные латинские буквы, цифры и дефисы. Публичный.',
  'A sentence or two on what is filed here, in plain text (up to 1000 characters). Public.':
    'Одно-два предложения простым текстом о том, что относится к этой теме (до 1000 символов). Публичное.',
  // Components
  Participant: 'Участник',
  'The person; public only if they consented to being named.': 'Человек; публичен, только если дал согласие на упоминание имени.',
  Role: 'Роль',
  'Organiser, trainer, speaker or participant. Public with the person.': 'Организатор, тренер, докладчик или участник. Публична вместе с человеком.',
  Number: 'Номер',
  'Chapter number as printed, from 1. Public.': 'Номер главы, как в книге, начиная с 1. Публичный.',
  'Chapter title, up to 300 characters. Public.': 'Название главы, до 300 символов. Публичное.',
  'What the chapter covers, in plain text (up to 2000 characters). Public.': 'О чём глава, простым текстом (до 2000 символов). Публичное.',
  Place: 'Место',
  'Building or organisation hosting it (ITC-ILO campus). Public.': 'Здание или принимающая организация (кампус МУЦ МОТ). Публичное.',
  Street: 'Улица',
  'Street and number. Public.': 'Улица и номер дома. Публичные.',
  'Postal code': 'Почтовый индекс',
  'As the local post writes it. Public.': 'Как его пишет местная почта. Публичный.',
  City: 'Город',
  'City or town, in this language (Turin). Public.': 'Город или населённый пункт на этом языке (Турин). Публичный.',
  'Two-letter ISO 3166-1 code in capitals (IT). Public.': 'Двухбуквенный код ISO 3166-1 заглавными буквами (IT). Публичная.',
  'Partner organisation': 'Организация-партнёр',
  'The partner federation the story came from, if it is in our directory. Public.':
    'Партнёрская федерация, от которой пришёл материал, если она есть в нашем справочнике. Публичная.',
  'Partner name': 'Имя партнёра',
  'Name of the sender as the partner gives it. Public.': 'Имя отправителя, как его указывает партнёр. Публичное.',
  'Original address': 'Адрес оригинала',
  'Full https:// address of the story on the partner’s site. Public.': 'Полный адрес https:// материала на сайте партнёра. Публичный.',
  'Partner’s id': 'Идентификатор у партнёра',
  'The partner’s own identifier of the story, set on import; do not change it. Public.':
    'Собственный идентификатор материала у партнёра, задаётся при импорте; не меняйте его. Публичный.',
  'Received at': 'Получено',
  'When the story arrived from the partner, set on import. Public.': 'Когда материал пришёл от партнёра, задаётся при импорте. Публичное.',
  'Partners may republish': 'Партнёры могут перепубликовать',
  'When on, the story goes into partners’ feeds and pushes once published; off withdraws it. Seen by partners.':
    'Если включено, после публикации материал попадает в ленты и рассылки партнёрам; выключение отзывает его. Видят партнёры.',
  'Embargo until': 'Эмбарго до',
  'Date and time before which partners get nothing of the story; leave empty for no embargo.':
    'Дата и время, до которых партнёры ничего не получают о материале; без эмбарго оставьте пустым.',
};
