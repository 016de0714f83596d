import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PickerOption } from './PickerField';
import { PickerField } from './PickerField';
import type { CustomFieldInputProps } from './types';

interface Licence {
  id: string;
  name: string;
  url: string | null;
}

/**
 * SPDX licence of a story, from the server's list (GET /editor-fields/licences): the list the
 * server validates against, so the picker cannot offer what a save would refuse.
 */
const LicenceInput = (props: CustomFieldInputProps) => {
  const { get } = useFetchClient();
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let current = true;
    get<{ data: Licence[] }>('/editor-fields/licences')
      .then(({ data }) => current && setOptions(data.data.map((licence) => ({ value: licence.id, label: `${licence.id}: ${licence.name}` }))))
      // Without the list the stored id is still shown and kept; the save validates it.
      .catch(() => undefined)
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [get]);
  return <PickerField {...props} options={options} loading={loading} />;
};

export default LicenceInput;
