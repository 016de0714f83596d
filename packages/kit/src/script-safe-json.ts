/**
 * JSON that is safe to embed in an HTML `<script>` element (`<script type="application/ld+json">`
 * is how sites publish JSON-LD): `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no
 * `</script>` or `<!--` can end or change the element, and U+2028/U+2029 as `\u2028`/`\u2029`
 * (line terminators in JavaScript), as Go's encoding/json and Rails' json_escape do.
 *
 * In JSON text these characters can stand only inside strings, where a `\uXXXX` escape means
 * the same character: the result is valid JSON that parses to exactly the same values.
 */
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

const escape = (character: string): string => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `json` (any valid JSON text) with every character unsafe in a `<script>` escaped. */
export const escapeJsonForScript = (json: string): string => json.replace(UNSAFE_IN_SCRIPT, escape);

/** `JSON.stringify(value)`, safe to embed in a `<script>` element. */
export const stringifyForScript = (value: unknown): string => escapeJsonForScript(JSON.stringify(value));

/** Media types whose bodies are JSON text (`application/json`, `application/ld+json`, `application/graphql-response+json`). */
export const isJsonMediaType = (contentType: string): boolean => /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(contentType.trim());
