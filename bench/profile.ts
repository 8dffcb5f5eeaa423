import type { CDPSession, Frame, Page } from 'playwright-core';

/** Self time of one CPU profile, in ms, by where the code came from. */
export type Split = Record<string, number>;

/**
 * penpal, frameport, the schemas' library, the bench page itself, or the engine's own work
 * (message dispatch, GC...). zod has a row of its own: it runs on frameport's behalf (every
 * input and result is parsed), but it is the contract's code, not the SDK's.
 */
function sourceOf(url: string, functionName: string): string | undefined {
  if (functionName === '(idle)') return undefined;
  if (url.includes('/node_modules/penpal/')) return 'penpal';
  if (url.includes('/node_modules/zod/')) return "zod (the contract's schemas)";
  if (url.includes('/dist/')) return 'frameport';
  if (url.includes('/bench/')) return 'bench page';
  if (functionName === '(garbage collector)') return 'garbage collector';
  return 'browser (dispatch, promises, clone)';
}

interface Profile {
  nodes: { id: number; callFrame: { url: string; functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function split(profile: Profile): Split {
  const byNode = new Map(profile.nodes.map((node) => [node.id, sourceOf(node.callFrame.url, node.callFrame.functionName)]));
  const out: Split = {};
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next one.
  for (let index = 0; index < samples.length - 1; index += 1) {
    const source = byNode.get(samples[index] ?? -1);
    if (source) out[source] = (out[source] ?? 0) + (deltas[index + 1] ?? 0) / 1000;
  }
  return out;
}

async function start(session: CDPSession): Promise<void> {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 50 });
  await session.send('Profiler.start');
}

/**
 * Chromium's CPU profile of the host page and the guest frame (a process of its own: the two
 * are cross-site) while `script` runs calls through one subject: where a call's time goes.
 */
export async function profileCalls(
  page: Page,
  guestFrame: () => Frame,
  script: string,
  prepare: string,
): Promise<{ host: Split; guest: Split }> {
  await page.evaluate(prepare);
  const host = await page.context().newCDPSession(page);
  const guest = await page.context().newCDPSession(guestFrame());
  await Promise.all([start(host), start(guest)]);
  await page.evaluate(script);
  const [hostProfile, guestProfile] = await Promise.all([host.send('Profiler.stop'), guest.send('Profiler.stop')]);
  await Promise.all([host.detach(), guest.detach()]);
  return { host: split(hostProfile.profile as Profile), guest: split(guestProfile.profile as Profile) };
}
