import type { Core } from '@strapi/strapi';
import { cloneDeep, get, isEqual, set } from 'lodash';
import type { EditField, ModelView } from './types';

/*
 * Writes our labels, help lines and layouts into the Content Manager's configuration, through
 * the Content Manager's own services (the same ones *Configure the view* ends in), after the
 * Content Manager has synced its configurations with the schemas at boot.
 *
 * The configuration is split into units (one setting, one label, one description, the list
 * columns, the edit layout). A unit is ours to set while it still holds what we applied last
 * (kept under our own key in the core store), or, the first time, Strapi's default. Anything
 * else is an administrator's choice and stays. Nothing is written when nothing differs, so a
 * second boot writes nothing.
 */

type Attribute = { type: string; customField?: string; relationType?: string; relation?: string };
type CmModel = { uid: string; attributes: Record<string, Attribute>; config?: { attributes?: Record<string, { hidden?: boolean }> } };
type LayoutField = { name: string; size: number };
type Configuration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: LayoutField[][] };
};
type ConfigurationService = {
  findConfiguration(model: CmModel): Promise<Configuration>;
  updateConfiguration(model: CmModel, configuration: Configuration): Promise<unknown>;
};
type FieldSizes = { hasFieldSize(type?: string): boolean; getFieldSize(type: string): { default: number; isResizable: boolean } };

/** A unit's place in the configuration ('metadatas.title.edit.label'), and its value. */
type Units = Record<string, unknown>;

export type ApplyReport = { changed: number; keptByAdministrator: string[] };

const ROW_WIDTH = 12;
/** The Content Manager's own fields, never in an edit view (its attributes.ts, isVisible). */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy']);
/** Types the Content Manager never shows as a list column (its attributes.ts, NON_LISTABLES). */
const NOT_LISTABLE = new Set(['json', 'password', 'richtext', 'dynamiczone', 'blocks']);
const LISTABLE_RELATIONS = new Set(['oneToOne', 'oneToMany', 'manyToOne', 'manyToMany']);
/** The Content Manager's list view starts with this many columns (its layouts.ts). */
const DEFAULT_LIST_LENGTH = 4;

const STORE = { type: 'app', name: 'admin_view' } as const;
const recordKey = (uid: string) => `applied_${uid}`;

/** The rules the Content Manager applies to one model, mirrored so that what we write is what it keeps. */
const modelRules = (model: CmModel, sizes: FieldSizes) => {
  const has = (name: string) => Object.prototype.hasOwnProperty.call(model.attributes, name);
  const hidden = (name: string) => model.config?.attributes?.[name]?.hidden === true;
  const editable = (name: string) => has(name) && !hidden(name) && !SYSTEM_FIELDS.has(name);
  const listable = (name: string) => {
    if (!has(name) || hidden(name)) return false;
    const attribute = model.attributes[name];
    if (NOT_LISTABLE.has(attribute.type)) return false;
    return attribute.type !== 'relation' || LISTABLE_RELATIONS.has(attribute.relationType ?? attribute.relation ?? '');
  };
  const fieldSize = (name: string) => {
    const attribute = model.attributes[name];
    return sizes.getFieldSize(sizes.hasFieldSize(attribute.customField) ? (attribute.customField as string) : attribute.type);
  };
  const allowedSize = (name: string, size: number) => {
    const { default: byDefault, isResizable } = fieldSize(name);
    return Number.isInteger(size) && size > 0 && size <= ROW_WIDTH && (isResizable || size === byDefault);
  };
  /** Appends fields at their default width, filling the last row first, as the Content Manager does. */
  const append = (layout: LayoutField[][], names: string[]): LayoutField[][] => {
    const rows = layout.map((row) => [...row]);
    for (const name of names) {
      const size = fieldSize(name).default;
      // Its last row, or a new one when the field does not fit beside what is there.
      const last = rows[rows.length - 1];
      if (last && last.reduce((sum, field) => sum + field.size, 0) + size <= ROW_WIDTH) last.push({ name, size });
      else rows.push([{ name, size }]);
    }
    return rows;
  };
  const editableNames = () => Object.keys(model.attributes).filter(editable);
  const missingFrom = (layout: LayoutField[][]) => {
    const placed = new Set(layout.flat().map((field) => field.name));
    return editableNames().filter((name) => !placed.has(name));
  };
  /** What the Content Manager's sync at boot makes of a layout it stored (its layouts.ts, syncLayouts). */
  const settleEdit = (layout: LayoutField[][]): LayoutField[][] => {
    const moved: string[] = [];
    const rows = layout
      .map((row) =>
        row.filter((field) => {
          if (!editable(field.name)) return false;
          if (allowedSize(field.name, field.size)) return true;
          moved.push(field.name);
          return false;
        }),
      )
      .filter((row) => row.length > 0);
    const settled = append(rows, moved);
    return append(settled, missingFrom(settled));
  };
  const defaultSize = (name: string) => fieldSize(name).default;
  return { editable, listable, allowedSize, defaultSize, append, editableNames, missingFrom, settleEdit };
};

type Rules = ReturnType<typeof modelRules>;

/** Our layout for the model: sizes the Content Manager accepts, rows no wider than 12, every editable field placed. */
const designedEdit = (view: ModelView, rules: Rules, warn: (message: string) => void): LayoutField[][] => {
  const rows: LayoutField[][] = [];
  for (const row of view.edit) {
    let current: LayoutField[] = [];
    for (const entry of row as EditField[]) {
      const name = typeof entry === 'string' ? entry : entry.name;
      if (!rules.editable(name)) {
        warn(`${view.uid}: "${name}" is not a field of the edit view; left out`);
        continue;
      }
      const size = typeof entry === 'string' || !rules.allowedSize(name, entry.size) ? rules.defaultSize(name) : entry.size;
      if (current.reduce((sum, placed) => sum + placed.size, 0) + size > ROW_WIDTH) {
        rows.push(current);
        current = [];
      }
      current.push({ name, size });
    }
    if (current.length > 0) rows.push(current);
  }
  return rules.append(rows, rules.missingFrom(rows));
};

/** Every unit the view sets, with our value. */
const designedUnits = (view: ModelView, model: CmModel, rules: Rules, warn: (message: string) => void): Units => {
  const units: Units = {};
  for (const [name, field] of Object.entries(view.fields)) {
    if (!Object.prototype.hasOwnProperty.call(model.attributes, name)) {
      warn(`${view.uid}: no attribute "${name}"; its label is left out`);
      continue;
    }
    units[`metadatas.${name}.edit.label`] = field.label;
    units[`metadatas.${name}.edit.description`] = field.description;
    if (field.placeholder !== undefined) units[`metadatas.${name}.edit.placeholder`] = field.placeholder;
    units[`metadatas.${name}.list.label`] = field.listLabel ?? field.label;
  }
  for (const [key, value] of Object.entries(view.settings ?? {})) {
    // The Content Manager accepts only a listed attribute as the main field or the sort.
    if ((key === 'mainField' || key === 'defaultSortBy') && !rules.listable(value as string)) {
      warn(`${view.uid}: "${String(value)}" cannot be the ${key}; left out`);
      continue;
    }
    units[`settings.${key}`] = value;
  }
  units['layouts.list'] = view.list.filter((name) => {
    if (rules.listable(name)) return true;
    warn(`${view.uid}: "${name}" cannot be a list column; left out`);
    return false;
  });
  units['layouts.edit'] = designedEdit(view, rules, warn);
  return units;
};

/** What the Content Manager writes for a unit when it first creates the configuration (its createDefault*). */
const strapiDefault = (unit: string, model: CmModel, rules: Rules): unknown => {
  const names = Object.keys(model.attributes);
  const firstString = names.find((name) => model.attributes[name].type === 'string' && name !== 'id') ?? 'id';
  switch (unit) {
    case 'settings.mainField':
    case 'settings.defaultSortBy':
      return firstString;
    case 'settings.defaultSortOrder':
      return 'ASC';
    case 'settings.pageSize':
      return 10;
    case 'layouts.list':
      return names.filter((name) => rules.listable(name) && name !== 'documentId').slice(0, DEFAULT_LIST_LENGTH);
    case 'layouts.edit':
      return rules.append([], rules.editableNames());
  }
  const [, name, view, key] = unit.split('.');
  if (key === 'label') return name;
  return view === 'edit' ? '' : undefined;
};

/** The values a unit may hold and still be ours: what we applied last, as the Content Manager's sync left it. */
const stillOurs = (unit: string, now: unknown, last: unknown, rules: Rules): boolean => {
  if (isEqual(now, last)) return true;
  if (unit === 'layouts.edit') return isEqual(now, rules.settleEdit(last as LayoutField[][]));
  if (unit === 'layouts.list') return isEqual(now, (last as string[]).filter(rules.listable));
  return false;
};

/**
 * Applies the views to the Content Manager's configurations; returns how many units changed
 * and which ones were left as an administrator set them.
 */
export const applyViews = async (strapi: Core.Strapi, views: { contentTypes: ModelView[]; components: ModelView[] }): Promise<ApplyReport> => {
  const contentManager = strapi.plugin('content-manager');
  const sizes = contentManager.service('field-sizes') as FieldSizes;
  const contentTypes = contentManager.service('content-types') as ConfigurationService & { findContentType(uid: string): CmModel | undefined };
  const components = contentManager.service('components') as ConfigurationService & { findComponent(uid: string): CmModel | undefined };
  const store = strapi.store(STORE);
  const warn = (message: string) => strapi.log.warn(`Content Manager view: ${message}`);
  const report: ApplyReport = { changed: 0, keptByAdministrator: [] };

  const targets = [
    ...views.contentTypes.map((view) => ({ view, service: contentTypes, model: contentTypes.findContentType(view.uid) })),
    ...views.components.map((view) => ({ view, service: components, model: components.findComponent(view.uid) })),
  ];
  for (const { view, service, model } of targets) {
    if (!model) {
      warn(`${view.uid} does not exist; its view is left out`);
      continue;
    }
    const rules = modelRules(model, sizes);
    const current = await service.findConfiguration(model);
    const applied = ((await store.get({ key: recordKey(view.uid) })) ?? {}) as Units;
    const next: Configuration = cloneDeep({ settings: current.settings, metadatas: current.metadatas, layouts: current.layouts });
    const record: Units = {};
    let changed = 0;
    for (const [unit, value] of Object.entries(designedUnits(view, model, rules, warn))) {
      const path = unit.split('.');
      const now = get(current, path);
      const last = applied[unit];
      if (isEqual(now, value)) {
        record[unit] = value;
        continue;
      }
      const ours = last === undefined ? isEqual(now, strapiDefault(unit, model, rules)) : stillOurs(unit, now, last, rules);
      if (!ours) {
        report.keptByAdministrator.push(`${view.uid} ${unit}`);
        if (last !== undefined) record[unit] = last;
        continue;
      }
      set(next, path, cloneDeep(value));
      record[unit] = value;
      changed += 1;
    }
    if (changed > 0) await service.updateConfiguration(model, next);
    if (!isEqual(record, applied)) await store.set({ key: recordKey(view.uid), value: record });
    report.changed += changed;
  }
  return report;
};
