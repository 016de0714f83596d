/**
 * HTML built with a tagged template that escapes every interpolated value, so a value from the
 * API can never become markup: `html`<h1>${title}</h1>`` writes `&lt;script&gt;` for a title
 * `<script>`. Only values already built by `html` (or passed through `trusted`) go in as they are.
 */

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** A fragment of HTML that has been built safely; everything else is text. */
export class SafeHtml {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** Marks a string built here (never one from the API) as HTML. */
export const trusted = (value) => new SafeHtml(value);

/** @param {unknown} value */
const render = (value) => {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
};

/**
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 * @returns {SafeHtml}
 */
export const html = (strings, ...values) => {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new SafeHtml(out);
};

/**
 * A URL from the API for an href: only absolute http(s) URLs (never `javascript:`, `data:`…).
 * Returns the normalised URL or null; the caller still interpolates it through `html`.
 * @param {unknown} value
 * @returns {string | null}
 */
export const safeHttpUrl = (value) => {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

/**
 * JSON for a `<script type="application/ld+json">` element: parsed first (so only JSON gets in),
 * then written with `<`, `>`, `&` and the JavaScript line separators as \u escapes, so nothing in
 * it can close the script element or start a comment.
 * @param {string} text JSON text from the CMS
 * @returns {SafeHtml}
 */
export const jsonForScript = (text) =>
  trusted(
    JSON.stringify(JSON.parse(text))
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
