/* global importScripts */
// A worker of the widget's origin: the game's own worker, to which it forwards its grant.
// Script-tag build (import maps do not reach workers); a hand-written Standard Schema, no zod.
importScripts('/dist/index.iife.js');
const { connectPort, defineContract } = self.Frameport;

const schema = (check) => ({
  '~standard': { version: 1, vendor: 'test', validate: (value) => (check(value) ? { value } : { issues: [{ message: 'invalid' }] }) },
});
const contacts = defineContract({
  host: { addContact: { input: schema((v) => typeof v?.name === 'string'), output: schema((v) => v === 'added') } },
  guest: {},
});

self.onmessage = async ({ data, ports: [port] }) => {
  const link = await connectPort(port, { contract: contacts, as: 'guest' });
  const outcomes = [];
  for (let n = 0; n < data.calls; n += 1) {
    outcomes.push(
      await link.remote.addContact({ name: `from the worker ${n}` }).then(
        (value) => value,
        (error) => error.code,
      ),
    );
  }
  link.destroy();
  self.postMessage(outcomes);
};
