/**
 * The one look every received value gets before any schema runs (inputs and results alike).
 *
 * An own `__proto__` key survives structured cloning and becomes a prototype swap as soon as
 * a handler copies the object (`{ ...input }`, `Object.assign`); schemas such as `z.unknown()`
 * or `z.record()` let it through. It may hide anywhere, `Map` keys and values and `Set` members
 * included, so the walk goes everywhere, but within a budget: a peer must not be able to buy
 * seconds of our main thread with one message (a 64 MB `Uint8Array` walked index by index
 * took 2 s). Binary data is skipped whole: it cannot hold keys. Iterative, because cloned
 * data may be deep or cyclic.
 */
export const maxNodes = 10_000;

/** Why the value is refused, or `undefined` when it may go on to its schema. */
export function valueProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // Made only once a nested object turns up: most inputs are one flat object, checked per call.
  let stack: object[] | undefined;
  let seen: Set<object> | undefined;
  let budget = maxNodes;
  const visit = (child: unknown, cost = 1): boolean => {
    budget -= cost;
    if (typeof child === 'object' && child !== null && child !== value && !seen?.has(child)) {
      seen ??= new Set([value]);
      seen.add(child);
      (stack ??= []).push(child);
    }
    return budget > 0;
  };
  for (let item: object | undefined = value; item; item = stack?.pop()) {
    if (isOpaque(item)) continue;
    if (item instanceof Map) {
      for (const [key, child] of item) if (!visit(key) || !visit(child)) return tooLarge;
    } else if (item instanceof Set) {
      for (const child of item) if (!visit(child)) return tooLarge;
    } else {
      if (Object.hasOwn(item, '__proto__')) return 'an own "__proto__" key';
      // An array costs its length up front, holes included: a schema walks every index, and a
      // sparse array of length 2^32-1 is a few bytes on the wire. Its keys (indexes first, then
      // any named ones a clone keeps) are then paid for up to that length.
      let paid = Array.isArray(item) ? item.length : 0;
      if ((budget -= paid) <= 0) return tooLarge;
      // Listing the keys costs about what the browser already spent deserializing them.
      for (const key in item) if (!visit((item as Record<string, unknown>)[key], paid-- > 0 ? 0 : 1)) return tooLarge;
    }
  }
  return undefined;
}

const tooLarge = `more than ${maxNodes} values to check: send bulk data as an ArrayBuffer or typed array`;

/** Values structured clone can carry that hold no keys of their own to look at. */
function isOpaque(item: object): boolean {
  return (
    ArrayBuffer.isView(item) ||
    item instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && item instanceof SharedArrayBuffer) ||
    (typeof Blob === 'function' && item instanceof Blob) ||
    item instanceof Date ||
    (typeof MessagePort === 'function' && item instanceof MessagePort) ||
    item instanceof RegExp ||
    (typeof ImageBitmap === 'function' && item instanceof ImageBitmap)
  );
}
