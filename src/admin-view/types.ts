/**
 * How one content type or component looks in the Content Manager: what each field is called,
 * what its help line says, where it stands in the edit view and which columns the list shows.
 * The values are written into the Content Manager's own configuration at boot (see apply.ts),
 * exactly where an administrator's *Configure the view* writes them.
 */

/** One field's label and help line in the edit view (and its column title in the list). */
export type FieldView = {
  label: string;
  /** One line under the field: what it is, the format it takes, who sees it. */
  description: string;
  placeholder?: string;
  /** The list column's title when it should differ from the label (short columns). */
  listLabel?: string;
};

/** A field in an edit-view row: its name alone takes the field's default width. */
export type EditField = string | { name: string; size: number };

export type ModelView = {
  uid: string;
  /** Every attribute of the schema; system fields (id, updatedAt...) only where a list shows them. */
  fields: Record<string, FieldView>;
  /** The list view's columns, in order. */
  list: string[];
  /** The edit view, row by row (a row is 12 units wide). */
  edit: EditField[][];
  settings?: {
    mainField?: string;
    defaultSortBy?: string;
    defaultSortOrder?: 'ASC' | 'DESC';
    pageSize?: number;
  };
};
