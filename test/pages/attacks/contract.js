import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';
import { contract as connection } from '../connection/contract.js';

// The connection tests' contract (so their normal guest can sit next to a hostile one), plus
// a host method that takes a list, as many real contracts have.
export const contract = defineContract({
  host: { ...connection.host, sum: { input: z.array(z.number()), output: z.number() } },
  guest: connection.guest,
});
