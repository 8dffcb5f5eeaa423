// The contract the tabs and the hub share, as a classic script: the hub takes it with
// importScripts, the tabs import it for its side effect. Hand-written Standard Schemas: no zod
// in workers (import maps do not reach them).
const anything = { '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) } };
const text = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => (typeof value === 'string' ? { value } : { issues: [{ message: 'not text' }] }),
  },
};
globalThis.makeHubContract = (defineContract) =>
  defineContract({
    // What each tab serves the hub.
    host: { label: { input: anything, output: text }, stall: { input: anything } },
    // What the hub serves every tab.
    guest: {
      echo: { input: text, output: text },
      whoami: { input: anything, output: text },
      kind: { input: anything, output: text },
      peers: { input: anything, output: anything },
      labels: { input: anything, output: anything },
      stallPeer: { input: text, output: anything },
      log: { input: anything, output: anything },
      hubStats: { input: anything, output: anything },
      hang: { input: anything },
      stopHub: { input: anything, output: text },
    },
  });
