import { afterEach, describe, expect, it } from 'vitest';
import { declaredPorts } from './declaredPorts.ts';

describe('declaredPorts: every port that arrived must still be in the checked value', () => {
  const opened: MessagePort[] = [];
  const port = (): MessagePort => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    return port1;
  };
  afterEach(() => {
    for (const each of opened.splice(0)) each.close();
  });

  it('finds ports anywhere in objects, arrays, Maps and Sets, cycles included', () => {
    const [a, b, c, d] = [port(), port(), port(), port()];
    const cyclic: Record<string, unknown> = { a };
    cyclic.self = cyclic;
    const value = { cyclic, list: [1, [b]], map: new Map<unknown, unknown>([[c, 'key']]), set: new Set([{ d }]) };
    expect(declaredPorts(value, [a, b, c, d])).toBe(true);
  });

  it('refuses when one is missing: a schema stripped the key it came under', () => {
    const [kept, stripped] = [port(), port()];
    expect(declaredPorts({ kept }, [kept, stripped])).toBe(false);
    expect(declaredPorts(undefined, [kept])).toBe(false);
  });

  it('does not look inside binary data', () => {
    const a = port();
    expect(declaredPorts({ bytes: new Uint8Array(1_000_000), a }, [a])).toBe(true);
  });
});
