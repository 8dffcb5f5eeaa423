// The contract as a script-tag page writes it: zod/mini from the frameport-zod build, no bundler.
// zod/mini compiles nothing, so it never probes `new Function`: no config needed under a strict CSP.
const { z } = Frameport;
window.contract = Frameport.defineContract({
  host: {
    paid: {
      input: z.object({ orderId: z.string().check(z.minLength(1)), amount: z.number().check(z.positive()) }),
      output: z.literal('ok'),
    },
  },
  guest: {
    setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') },
  },
});
window.settle = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ code: error.code, message: error.message }),
  );
