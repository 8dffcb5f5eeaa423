import { describe, expect, it } from 'vitest';
import {
  budgets,
  bundled,
  capabilitiesBudget,
  capabilitySupportBudget,
  capabilitySupportCost,
  delegationSize,
  gzippedSize,
  iifeSize,
  shareBudgets,
  subjects,
  workerBudget,
  zodScriptTagBudget,
} from './size.ts';

describe('what a user ships, bundled with its dependencies, minified, gzip -9', () => {
  it.each([
    ['guest', 'frameport guest (connectToHost)'],
    ['host', 'frameport host (mountWidget)'],
    ['popup', 'frameport popup'],
    ['tabs', 'frameport tabs (createTabChannel)'],
    ['element', 'frameport element (<frameport-widget>)'],
    ['react', 'frameport react (useWidget)'],
  ] as const)('%s stays within its budget', async (part, subject) => {
    const size = await gzippedSize(subjects[subject]!);
    expect(size, `${subject}: ${size} B`).toBeLessThanOrEqual(budgets[part]);
    // A broken build (an empty module) must not pass for small.
    expect(size).toBeGreaterThan(1000);
  });

  it.each(['guest', 'host', 'popup', 'tabs', 'element'] as const)('the %s script-tag build stays within the same budget', (part) => {
    const size = iifeSize(part);
    expect(size, `dist/${part}.iife.js: ${size} B`).toBeLessThanOrEqual(budgets[part]);
    expect(size).toBeGreaterThan(1000);
  });

  it('the script-tag build with zod/mini (Frameport.z) stays within its budget, and only it carries zod', () => {
    const withZod = iifeSize('frameport-zod');
    const plain = iifeSize('index');
    expect(withZod, `dist/frameport-zod.iife.js: ${withZod} B`).toBeLessThanOrEqual(zodScriptTagBudget);
    // zod's builders are in it (a broken build without them must not pass), and not in index.iife.js.
    expect(withZod - plain).toBeGreaterThan(15_000);
    expect(plain).toBeLessThanOrEqual(budgets.guest);
  });

  it('frameport/worker adds at most its budget beyond the shared core', async () => {
    const core = await gzippedSize(subjects['frameport connectPort (the shared core)']!);
    const worker = await gzippedSize(subjects['frameport worker (connectWorker + serveWorker + createWorkerPool)']!);
    expect(worker - core, `${worker} B - ${core} B`).toBeLessThanOrEqual(workerBudget);
    // A broken build (nothing beyond the core) must not pass for small.
    expect(worker - core).toBeGreaterThan(300);
  });

  it.each(['tab side (connectSharedWorker)', 'worker side (serveSharedWorker)'])(
    'each side of the SharedWorker hub adds at most the worker budget beyond the shared core: %s',
    async (side) => {
      const core = await gzippedSize(subjects['frameport connectPort (the shared core)']!);
      const hub = await gzippedSize(subjects[`frameport worker hub, ${side}`]!);
      expect(hub - core, `${hub} B - ${core} B`).toBeLessThanOrEqual(workerBudget);
      expect(hub - core).toBeGreaterThan(300);
    },
  );

  it('connectPort + grant + transfer add at most their budget on top of the guest', async () => {
    const guest = await gzippedSize(subjects['frameport guest (connectToHost)']!);
    const both = await gzippedSize(subjects['frameport guest + connectPort + grant + transfer']!);
    expect(both - guest, `${both} B - ${guest} B`).toBeLessThanOrEqual(capabilitiesBudget);
    // A broken build (nothing beyond the guest) must not pass for small.
    expect(both - guest).toBeGreaterThan(300);
  });

  it('a widget that uses no capability pays at most its budget for capability support', async () => {
    const { guest, without, cost } = await capabilitySupportCost();
    expect(cost, `${guest} B - ${without} B`).toBeLessThanOrEqual(capabilitySupportBudget);
    // Taking the lines out must take something out: the port refusal alone is about 60 B.
    expect(cost).toBeGreaterThan(50);
  });

  it("a plain guest ships none of the capability modules' own code", async () => {
    const code = new TextDecoder().decode(await bundled(subjects['frameport guest (connectToHost)']!));
    // One message or value from each: acceptPorts, grant, connectPort's grant codes and options, transfer().
    const markers = [
      'acceptPorts() takes',
      'uses must be a whole number',
      'the grant was revoked',
      'heartbeatInterval',
      'transfer(): the value',
    ];
    expect(markers.filter((marker) => code.includes(marker))).toEqual([]);
    // transfer()'s WeakMap is made by transfer() only: the guest reads it, never makes it.
    expect(code).not.toContain('new WeakMap');
    // A guest that imports them does carry them: the markers are live.
    const entry = `${subjects['frameport guest (connectToHost)']!}\nexport { acceptPorts, connectPort, grant, transfer } from './dist/index.mjs';`;
    const all = new TextDecoder().decode(await bundled(entry));
    expect(markers.filter((marker) => !all.includes(marker))).toEqual([]);
    expect(all).toContain('new WeakMap');
  });

  it.each([
    ['share', 'frameport share (share + canShare)'],
    ['shareTargetWorker', 'frameport share-target, service worker (handleShareTarget)'],
    ['shareTargetPage', 'frameport share-target, page (takeShare)'],
  ] as const)('%s stays within its budget', async (part, subject) => {
    const size = await gzippedSize(subjects[subject]!);
    expect(size, `${subject}: ${size} B`).toBeLessThanOrEqual(shareBudgets[part]);
    expect(size).toBeGreaterThan(300);
  });

  it("mountWidget's share option (delegation) adds at most its budget to every host", async () => {
    const { host, without } = await delegationSize();
    expect(host - without, `${host} B - ${without} B`).toBeLessThanOrEqual(shareBudgets.hostDelegation);
    // Nothing swapped out (mountWidget no longer imports ./share.ts) must not pass for small.
    expect(host - without).toBeGreaterThan(300);
  });

  it('a widget pays frameport less than the guest bundle on top of the contract it writes anyway', async () => {
    const alone = await gzippedSize(subjects['a zod contract alone']!);
    const both = await gzippedSize(subjects['the zod contract + connectToHost']!);
    // frameport ships no schema library of its own: the contract's zod is the widget's.
    expect(both - alone).toBeLessThan(await gzippedSize(subjects['frameport guest (connectToHost)']!));
    expect(both - alone).toBeGreaterThan(1000);
  });

  it('guest is smaller than the child side of iframe-resizer and post-robot', async () => {
    const guest = await gzippedSize(subjects['frameport guest (connectToHost)']!);
    expect(guest).toBeLessThan(await gzippedSize(subjects['iframe-resizer child']!));
    expect(guest).toBeLessThan(await gzippedSize(subjects['post-robot']!));
  });
});
