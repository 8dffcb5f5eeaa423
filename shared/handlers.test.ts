import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectToHost } from '../guest/connectToHost.ts';
import { mountWidget } from '../host/mountWidget.ts';
import { defineContract } from './contract.ts';

// Type tests: `npm test` compiles this file (tsc -p tsconfig.test.json); each use below must
// type-check as a user would write it. The functions are only type-checked, never run.
const contract = defineContract({
  host: {
    paid: { input: z.object({ orderId: z.string() }), output: z.object({ status: z.enum(['ok', 'retry']), note: z.string() }) },
  },
  guest: {
    setAmount: { input: z.object({ amount: z.number() }), output: z.literal('ok') },
    mode: { input: z.object({ dark: z.boolean() }), output: z.enum(['light', 'dark']) },
    viaValibot: { input: v.object({ n: v.number() }), output: v.picklist(['a', 'b']) },
  },
});

function guestHandlersKeepLiterals(): void {
  void connectToHost({
    allowedOrigins: ['https://shop.example'],
    contract,
    methods: {
      setAmount: ({ amount }) => {
        if (amount < 0) throw new Error('negative');
        return 'ok';
      },
      mode: async ({ dark }) => (dark ? 'dark' : 'light'),
      viaValibot: ({ n }) => (n > 0 ? 'a' : 'b'),
    },
  });
}

function hostHandlersKeepLiteralsInObjects(container: Element): void {
  mountWidget({
    container,
    src: 'https://pay.example/',
    title: 'Pay',
    contract,
    methods: { paid: ({ orderId }) => ({ status: orderId ? 'ok' : 'retry', note: orderId }) },
  });
}

function wrongResultsStillFail(): void {
  void connectToHost({
    allowedOrigins: ['https://shop.example'],
    contract,
    methods: {
      // @ts-expect-error 'nope' is not the literal 'ok'
      setAmount: ({ amount }) => (amount ? 'nope' : 'nope'),
      mode: () => 'dark' as const,
      viaValibot: () => 'a' as const,
    },
  });
}

describe('handler types', () => {
  it('compile as written (checked by tsc, not at run time)', () => {
    expect([guestHandlersKeepLiterals, hostHandlersKeepLiteralsInObjects, wrongResultsStillFail]).toHaveLength(3);
  });
});
