/**
 * Remembers a pure function's answers by a string key. Bulk work (an import's
 * 10,000 rows) asks the same few questions again and again — the same day plus
 * the same number of days, the pinyin of the same name — and date-fns and
 * pinyin-pro are costly per call. The cache is bounded: when it is full it
 * starts over, so a long-lived process never grows without limit. Callers mark the
 * call with esbuild's @__PURE__ annotation, so a bundle that never calls the result
 * drops it and what it wraps (date-fns' formatter stays out of the survey function).
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, keyOf: (...args: A) => string, max = 4096): (...args: A) => R {
  let cache = new Map<string, R>();
  return (...args: A): R => {
    const key = keyOf(...args);
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as R;
    const value = fn(...args);
    if (cache.size >= max) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
