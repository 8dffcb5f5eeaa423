import { z } from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import { createTabChannel, type TabRefusal } from './index.ts';

/** Written as an app writes it, no `as const`: the kinds and schemas must still come through. */
const make = () =>
  createTabChannel('shop', {
    topics: {
      login: { kind: 'event', schema: z.object({ user: z.string() }) },
      cart: { kind: 'state', schema: z.object({ items: z.number() }) },
      theme: { kind: 'state', schema: z.enum(['light', 'dark']).default('light') },
    },
  });

describe('createTabChannel types, from the schemas', () => {
  // The checks are the type checker's (`npm run typecheck` covers this file); the body never runs.
  const check = (channel: ReturnType<typeof make>): void => {
    expectTypeOf(channel.get<'cart'>).returns.toEqualTypeOf<{ items: number } | undefined>();
    // The schema's output for listeners and get, its input for publish (a default makes it optional).
    expectTypeOf(channel.get<'theme'>).returns.toEqualTypeOf<'light' | 'dark' | undefined>();
    expectTypeOf(channel.publish<'theme'>)
      .parameter(1)
      .toEqualTypeOf<'light' | 'dark' | undefined>();
    expectTypeOf(channel.on<'login'>)
      .parameter(1)
      .parameter(0)
      .toEqualTypeOf<{ user: string }>();
    expectTypeOf<Parameters<typeof channel.get>[0]>().toEqualTypeOf<'cart' | 'theme'>();
    expectTypeOf<Parameters<typeof channel.publish>[0]>().toEqualTypeOf<'login' | 'cart' | 'theme'>();
    expectTypeOf(channel.isLeader).toEqualTypeOf<boolean>();
    channel.on('refused', (refusal) => expectTypeOf(refusal).toEqualTypeOf<TabRefusal>());
    // @ts-expect-error: events have no latest value
    channel.get('login');
    // @ts-expect-error: publish checks the value's type
    channel.publish('cart', { items: 'two' });
    // @ts-expect-error: only declared topics
    channel.on('basket', () => undefined);
  };

  it('types publish, get and on per topic, and keeps get to state topics', () => {
    expectTypeOf(check).toBeFunction();
    expectTypeOf(make).toBeFunction();
  });
});
