import type { ReactNode } from 'react';

/**
 * What the Content Manager hands a custom field's Input (its field props and `useField`'s value,
 * error and onChange), as far as these inputs read it.
 */
export interface CustomFieldInputProps {
  /** The field's path in the form: "startsAt", "venue.country". */
  name: string;
  value?: unknown;
  onChange: (path: string, value: unknown) => void;
  attribute: { type: string; customField?: string; required?: boolean };
  label?: ReactNode;
  labelAction?: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
}
