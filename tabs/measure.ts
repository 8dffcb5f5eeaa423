import type { TabRefusedReason } from './refusal.ts';

/**
 * Weighs a value against `maxBytes` and looks for own `__proto__` keys (which `Object.assign`
 * and merge helpers turn into prototype pollution), in one walk that stops as soon as the
 * budget is spent. A value costs 8, plus its characters for strings and keys, plus its bytes
 * for binary data, which is read from `byteLength` and never walked. Every visit costs at least
 * 8 and sizes are checked before a container is entered, so the walk does at most maxBytes / 8
 * steps however large the value. Only plain data passes: objects, arrays, Map, Set, Date,
 * binary and Blob; anything else could hide its size (a RegExp's source, a boxed string).
 * Returns why the value does not fit, or nothing.
 */
export function inspect(value: unknown, maxBytes: number): [TabRefusedReason, string] | undefined {
  let left = maxBytes - 8;
  const stack = [value];
  const enter = (child: unknown, cost: number): void => {
    left -= 8 + cost;
    stack.push(child);
  };
  while (stack.length && left >= 0) {
    const item = stack.pop();
    if (typeof item === 'string') left -= item.length;
    // Hex digits are cheap to get and measure a bigint's bytes, which can be millions.
    else if (typeof item === 'bigint') left -= item.toString(16).length / 2;
    else if (typeof item === 'object' && item) {
      const proto: unknown = Object.getPrototypeOf(item);
      // A view sends its whole buffer, not only the part it shows.
      if (ArrayBuffer.isView(item)) left -= item.buffer.byteLength;
      else if (item instanceof ArrayBuffer) left -= item.byteLength;
      else if (item instanceof Blob) left -= item.size;
      else if (item instanceof Map || item instanceof Set) {
        if (item.size * 8 > left) left = -1;
        else for (const entry of item as Iterable<unknown>) enter(entry, 0);
      } else if (!(item instanceof Date)) {
        if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return ['value', 'not plain data'];
        if (Object.hasOwn(item, '__proto__')) return ['value', 'an own __proto__ key'];
        // for...in collects every key up front: check an array's length before starting it.
        if (Array.isArray(item) && item.length * 8 > left) left = -1;
        else
          for (const key in item) {
            enter((item as Record<string, unknown>)[key], key.length);
            if (left < 0) break;
          }
      }
    }
  }
  return left < 0 ? ['size', 'over maxBytes'] : undefined;
}
