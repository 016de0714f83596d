import { useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { countryOptions, languageOf, loadCountryNames } from '../utils/countries';
import { PickerField } from './PickerField';
import type { CustomFieldInputProps } from './types';

/** ISO 3166-1 alpha-2 country, picked by its name in the admin's interface language. */
const CountryInput = (props: CustomFieldInputProps) => {
  const language = languageOf(useIntl().locale);
  const [ready, setReady] = useState(language);
  useEffect(() => {
    let current = true;
    void loadCountryNames(language).then(() => current && setReady(language));
    return () => {
      current = false;
    };
  }, [language]);
  const options = useMemo(() => countryOptions(ready), [ready]);
  return <PickerField {...props} options={options} />;
};

export default CountryInput;
