import { z } from 'zod';
import { defineContract } from '../../shared/contract.ts';
import { connectToHost, type HostConnection } from '../../guest/connectToHost.ts';

/** The README's payment contract. */
export const payment = defineContract({
  host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
  guest: {
    setAmount: { input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') },
  },
});

/** A newer widget's contract: it calls `track`, which a host still on `payment` does not offer. */
export const paymentV2 = defineContract({
  host: { ...payment.host, track: { input: z.object({ event: z.string() }) } },
  guest: payment.guest,
});

/** A widget that sends whatever it is asked to, to play a buggy one: its contract takes anything. */
export const loosePayment = defineContract({
  host: { paid: { input: z.unknown() } },
  guest: payment.guest,
});

/**
 * A widget as a partner writes it, unaware of any test kit: it connects to its host with
 * `connectToHost`, shows the amount it is given (in the DOM when there is one) and reports the
 * payment.
 */
export function startPaymentWidget<C extends typeof payment | typeof paymentV2 | typeof loosePayment = typeof payment>(
  contract?: C,
  signal?: AbortSignal,
) {
  let shown = '';
  const connection = connectToHost({
    allowedOrigins: ['https://shop.example'],
    contract: (contract ?? payment) as typeof payment,
    signal,
    methods: {
      setAmount: ({ amount, currency }) => {
        shown = `${amount} ${currency}`;
        if (typeof document !== 'undefined') document.body.textContent = shown;
        return 'ok';
      },
    },
    // Any of the three contracts: the tests call what their own contract declares.
  }) as Promise<HostConnection<C>>;
  return { connection, shown: () => shown };
}
