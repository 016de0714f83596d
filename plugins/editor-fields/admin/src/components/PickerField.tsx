import { useEffect, useState } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import type { CustomFieldInputProps } from './types';

export interface PickerOption {
  /** What is stored: "IT", "Europe/Rome", "CC-BY-4.0". */
  value: string;
  /** What is shown and searched. */
  label: string;
}

// Searching "rome" finds "Europe/Rome (UTC+01:00)", "ital" finds "Italy (IT)".
const CONTAINS = { type: 'list', filter: 'contains' } as const;

/**
 * A searchable picker over a fixed list of codes, for a string attribute. A stored value the list
 * does not have (written over the API before the list changed) is still shown, as itself, so
 * opening a document never loses it; the server's validation remains what accepts a value.
 */
export const PickerField = ({
  name,
  value,
  onChange,
  label,
  labelAction,
  hint,
  error,
  required,
  disabled,
  placeholder,
  options,
  loading,
}: CustomFieldInputProps & { options: PickerOption[]; loading?: boolean }) => {
  const stored = typeof value === 'string' && value !== '' ? value : undefined;
  const listed = stored === undefined || options.some((option) => option.value === stored);
  const all = listed || stored === undefined ? options : [{ value: stored, label: stored }, ...options];
  const labelOf = (code: string | undefined) => (code === undefined ? '' : (all.find((option) => option.value === code)?.label ?? code));
  // The text box is controlled so that it shows the label of a value set from outside (the
  // document loading, a default) and not only of one picked from the list.
  const [text, setText] = useState(labelOf(stored));
  const shown = labelOf(stored);
  useEffect(() => setText(shown), [shown]);

  return (
    <Field.Root name={name} id={name} error={error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Combobox
        name={name}
        value={stored}
        textValue={text}
        onTextValueChange={setText}
        onChange={(code?: string) => onChange(name, code ?? null)}
        onClear={() => onChange(name, null)}
        autocomplete={CONTAINS}
        disabled={disabled}
        loading={loading}
        placeholder={placeholder}
      >
        {all.map((option) => (
          <ComboboxOption key={option.value} value={option.value} textValue={option.label}>
            {option.label}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
