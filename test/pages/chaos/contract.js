import { defineContract } from '/dist/index.mjs';

// Standard Schemas written by hand: a guest that reloads dozens of times a run should not
// fetch a schema library's modules each time (the test server sends no-store).
const schema = (check) => ({
  '~standard': { version: 1, vendor: 'chaos', validate: (value) => (check(value) ? { value } : { issues: [{ message: 'invalid' }] }) },
});
const isObject = (value) => typeof value === 'object' && value !== null;
const isInteger = (value) => Number.isSafeInteger(value);

const operands = schema((value) => isObject(value) && isInteger(value.a) && isInteger(value.b));
const integer = schema(isInteger);
const later = schema((value) => isObject(value) && isInteger(value.delay) && value.delay >= 0);
const elsewhere = schema((value) => isObject(value) && typeof value.to === 'string' && isInteger(value.delay) && value.delay >= 0);

export const contract = defineContract({
  host: {
    mul: { input: operands, output: integer },
  },
  guest: {
    add: { input: operands, output: integer },
    /** Reloads the guest document after `delay` ms. */
    reload: { input: later },
    /** Navigates the guest document to `to` after `delay` ms. */
    navigate: { input: elsewhere },
  },
});
