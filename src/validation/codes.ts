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

/**
 * Characters a stored URL may not carry, though `new URL()` accepts them (it drops tabs and
 * line breaks, trims spaces, reads `\` as `/`, and escapes quotes and `<>` only in some parts):
 * control characters (CR, LF, TAB, NUL, DEL, C1), white space of any kind, bidirectional
 * formatting controls, quotes (`"`, `'`, backtick), angle brackets and backslashes. Where a URL
 * is served raw (feeds, calendars, HTML attributes of sites) each of them can break out of its
 * context; none belongs in a URL an editor means.
 */
const URL_FORBIDDEN = /[\p{Cc}\p{White_Space}\p{Bidi_Control}"'`<>\\]/u;

/** Whether `value` carries a character a stored URL may not (see URL_FORBIDDEN). */
export const hasForbiddenUrlCharacter = (value: string): boolean => URL_FORBIDDEN.test(value);

/**
 * The normalised form (`new URL(value).href`) of an absolute http(s) URL without forbidden
 * characters; null for anything else. What is stored is this form.
 */
export const httpUrlHref = (value: string): string | null => {
  if (hasForbiddenUrlCharacter(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

/** ISBN-10 or ISBN-13 with a correct check digit; hyphens and spaces allowed. */
export const isIsbn = (value: string): boolean => {
  const digits = value.replace(/[-\s]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = digits.split('').reduce((acc, ch, i) => acc + (ch === 'X' ? 10 : Number(ch)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  if (/^\d{13}$/.test(digits)) {
    const sum = digits.split('').reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  return false;
};
