import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';

// As a bundled app writes it: the config first in the module that builds the schemas.
if (new URLSearchParams(location.search).has('jitless')) z.config({ jitless: true });
const contract = defineContract({
  host: {},
  guest: { setAmount: { input: z.object({ amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }) } },
});
const { input } = contract.guest.setAmount;
window.checked = [
  input['~standard'].validate({ amount: 42, currency: 'EUR' }),
  input['~standard'].validate({ amount: -1, currency: 'EUR' }),
].map((result) => (result.issues ? 'refused' : 'taken'));
