/**
 * How deeply a parsed JSON value nests, measured without recursion: code that walks a value
 * recursively (serialising it, scanning it for NUL, coercing GraphQL variables) overflows the
 * stack on a document nested a few thousand levels deep, so such a document is refused before
 * any of that code sees it.
 */

/** Deepest nesting of objects and arrays a GraphQL request body may have (real ones use under 15). */
export const MAX_JSON_DEPTH = 64;

/** Whether `value` has objects or arrays nested more than `maxDepth` levels (a scalar is depth 0). */
export const exceedsDepth = (value: unknown, maxDepth: number): boolean => {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
};
