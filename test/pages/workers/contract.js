// The contract both ends share, as a classic script: a classic worker takes it with
// importScripts, a module worker and the page import it for its side effect. A hand-written
// Standard Schema: no zod in workers (import maps do not reach them).
const anything = { '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) } };
const text = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => (typeof value === 'string' ? { value } : { issues: [{ message: 'not text' }] }),
  },
};
globalThis.makeWorkerContract = (defineContract) =>
  defineContract({
    host: { greet: { input: text, output: text } },
    guest: {
      echo: { input: text, output: text },
      square: { input: anything, output: anything },
      fail: { input: anything },
      crash: { input: anything },
      hang: { input: anything },
      spin: { input: anything, output: anything },
      askPage: { input: text, output: text },
    },
  });
