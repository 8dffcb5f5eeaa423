// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostConnection } from '../guest/connectToHost.ts';
import type { Contract } from '../shared/contract.ts';
import { share } from './share.ts';

/** A connection whose host does what `answer` says with each request's reply port. */
function connection(answer: (port: MessagePort) => void): HostConnection<Contract> {
  // The link's port, as connectToHost exposes it to share(): the request arrives with its reply port.
  const link = { postMessage: (_: unknown, [port]: MessagePort[]) => answer(port!) };
  return { on: () => () => undefined, [Symbol.for('frameport.guard')]: () => link } as unknown as HostConnection<Contract>;
}

afterEach(() => {
  vi.useRealTimers();
});

// Where Web Share is missing (jsdom, like headless Chromium), share({ host }) asks the host.
describe('share() in a widget, with a host that misbehaves', () => {
  it('a host that never answers (one without delegation drops the request): failed, not a click waiting for ever', async () => {
    vi.useFakeTimers();
    const result = share({ title: 'x' }, { host: connection(() => undefined) });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toEqual({ outcome: 'refused', reason: 'failed', message: 'the host did not answer' });
  });

  it('a host that started sharing is waited for as long as its sheet is open', async () => {
    vi.useFakeTimers();
    let reply: MessagePort | undefined;
    const result = share({ title: 'x' }, { host: connection((port) => ((reply = port), port.postMessage({ started: true }))) });
    await vi.advanceTimersByTimeAsync(60_000);
    reply!.postMessage({ outcome: 'shared' });
    vi.useRealTimers();
    await expect(result).resolves.toEqual({ outcome: 'shared' });
  });

  it.each([
    [
      { outcome: 'refused', reason: 'not-allowed', message: 'm'.repeat(1000) },
      { outcome: 'refused', reason: 'not-allowed', message: 'm'.repeat(300) },
    ],
    [
      { outcome: 'refused', reason: 'made-up', message: 'x' },
      { outcome: 'refused', reason: 'failed', message: 'x' },
    ],
    [{ outcome: 'hacked' }, { outcome: 'refused', reason: 'failed', message: 'undefined' }],
    [null, { outcome: 'refused', reason: 'failed', message: 'undefined' }],
    [{ name: 'AbortError', message: 'closed' }, { outcome: 'cancelled' }],
  ])('a host answering %j gives %j', async (answer, outcome) => {
    await expect(share({ title: 'x' }, { host: connection((port) => port.postMessage(answer)) })).resolves.toEqual(outcome);
  });

  it('data that cannot be sent (a function in it): invalid-data at once, with no timer or listener left waiting', async () => {
    vi.useFakeTimers();
    const { port1 } = new MessageChannel();
    let listening = 0;
    const host = {
      on: () => ((listening += 1), () => (listening -= 1)),
      [Symbol.for('frameport.guard')]: () => port1,
    } as unknown as HostConnection<Contract>;
    const result = await share({ title: 'x', onclick: () => undefined } as never, { host });
    port1.close();
    expect(result).toEqual({ outcome: 'refused', reason: 'invalid-data', message: expect.any(String) });
    expect({ timers: vi.getTimerCount(), listening }).toEqual({ timers: 0, listening: 0 });
  });

  it('not connected: failed at once', async () => {
    const closed = { on: () => () => undefined, [Symbol.for('frameport.guard')]: () => undefined } as unknown as HostConnection<Contract>;
    await expect(share({ title: 'x' }, { host: closed })).resolves.toEqual({
      outcome: 'refused',
      reason: 'failed',
      message: 'not connected to the host',
    });
  });
});
