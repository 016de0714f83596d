import type { StrapiApp } from '@strapi/strapi/admin';
import { ru } from '../admin-view/translations/ru';

/*
 * The admin panel in English, Russian, French and Spanish: Strapi ships these translations of
 * its interface (@strapi/admin translations). Kazakh is not offered: Strapi ships none, and a
 * handful of our own strings in Kazakh would leave the rest of the interface in English; the
 * federation's Kazakh editors work in Russian (see the README, "Admin panel").
 *
 * The Content Manager shows each field's label and help line as configured (src/admin-view, in
 * English). Where an editor works in Russian, the two hooks below show our Russian instead,
 * but only while the configured text is still ours word for word: a label or help line an
 * administrator rewrote in Configure the view is theirs, and is shown as they wrote it.
 */

/** Where the admin panel keeps the interface language of this browser (its reducer). */
const LANGUAGE_KEY = 'strapi-admin-language';

const VIEW_TRANSLATIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = { ru };

type Field = { label?: unknown; hint?: unknown };
type EditLayout = { layout: Field[][][]; components: Record<string, { layout: Field[][] }> };
type Header = { label?: unknown };

const translator = (): ((text: unknown) => unknown) => {
  const messages = VIEW_TRANSLATIONS[window.localStorage.getItem(LANGUAGE_KEY) ?? 'en'];
  return (text) => (messages && typeof text === 'string' && Object.prototype.hasOwnProperty.call(messages, text) ? messages[text] : text);
};

const translateEditLayout = <Args extends { layout: EditLayout }>(args: Args): Args => {
  const translate = translator();
  const field = <F extends Field>(input: F): F => ({ ...input, label: translate(input.label), hint: translate(input.hint) });
  const { layout } = args;
  return {
    ...args,
    layout: {
      ...layout,
      layout: layout.layout.map((panel) => panel.map((row) => row.map(field))),
      components: Object.fromEntries(
        Object.entries(layout.components).map(([uid, component]) => [uid, { ...component, layout: component.layout.map((row) => row.map(field)) }]),
      ),
    },
  };
};

const translateListHeaders = <Args extends { displayedHeaders: Header[] }>(args: Args): Args => {
  const translate = translator();
  return { ...args, displayedHeaders: args.displayedHeaders.map((header) => ({ ...header, label: translate(header.label) })) };
};

export default {
  config: {
    locales: ['ru', 'fr', 'es'],
    translations: {
      // The Content Manager's menu looks a type's display name up as a message id (its LeftMenu).
      ru: { Story: 'Материал', Event: 'Мероприятие', Guide: 'Руководство', Organisation: 'Организация', Participant: 'Участник', Topic: 'Тема' },
    },
  },
  bootstrap(app: StrapiApp) {
    // The Content Manager's own hooks (its constants/hooks): the edit form's layout, the list's columns.
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', translateEditLayout);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', translateListHeaders);
  },
};
