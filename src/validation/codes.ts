import countries from 'i18n-iso-countries';

/** ISO 3166-1 alpha-2, upper case, as assigned (not merely two letters). */
export const isCountryCode = (value: string): boolean => /^[A-Z]{2}$/.test(value) && countries.isValid(value);

/** An IANA time zone name the runtime's tz database knows ("Europe/Rome", "UTC"). */
export const isTimeZone = (value: string): boolean => {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/** An absolute http(s) URL. */
export const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** ISBN-10 or ISBN-13 with a correct check digit; hyphens and spaces allowed. */
export const isIsbn = (value: string): boolean => {
  const digits = value.replace(/[-\s]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = digits
      .split('')
      .reduce((acc, ch, i) => acc + (ch === 'X' ? 10 : Number(ch)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(digits)) {
    const sum = digits
      .split('')
      .reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  return false;
};
