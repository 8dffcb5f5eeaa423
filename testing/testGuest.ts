import type { Contract, SideHandlers } from '../shared/contract.ts';
import { requireBrowser } from '../shared/environment.ts';
import { FrameportError } from '../shared/errors.ts';
import type { CommonOptions } from '../shared/options.ts';
import { exactOrigin } from '../shared/origin.ts';
import { isMessagePort } from '../shared/transfer.ts';
import { startHandshake } from '../guest/handshake.ts';
import { receiveWindowMessage, waitingTargets, type ReadyTarget } from '../host/handshake.ts';
import { openEnd, optionsObject, type TestEnd } from './end.ts';
import { pageOrigin, TestFrame } from './frame.ts';

type NoMethods = Record<never, never>;

/**
 * `createTestGuest`'s options: `connectToHost`'s `contract`, `methods`, `allowedOrigins` and
 * common options, and the `origin` of the widget it plays.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import type { TestGuestOptions } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const options: TestGuestOptions<typeof payment> = { contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } };
 * ```
 */
export interface TestGuestOptions<C extends Contract> extends CommonOptions {
  contract?: C;
  /** Implementations of `contract.guest`, as on `connectToHost`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'guest'>;
  /** The widget's origin: the origin of the app's `src` (or one of its `origin` list), e.g. `"https://pay.example"`. */
  origin: string;
  /** The exact origins allowed to embed the widget. Default: the test page's own (`location.origin`), where the app runs. */
  allowedOrigins?: readonly string[];
}

/**
 * A widget for testing a host app, playing the page at `origin` inside the app's frame.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { createTestGuest, type TestGuest } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const guest: TestGuest<typeof payment> = createTestGuest({ contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } });
 * await guest.remote.paid({ orderId: 'A-1001', amount: 42 });
 * ```
 */
export interface TestGuest<C extends Contract> extends TestEnd<C['guest'], C['host']> {
  /** The widget origin this guest plays: the app's `mountWidget` must expect it. */
  readonly origin: string;
}

/** The window in a frame the kit plays, as much of it as the app's handshake posts to. */
interface FrameWindow {
  postMessage(message: unknown, options: WindowPostMessageOptions): void;
}

/** A frame the app mounted (`mountWidget`), waiting for its guest or connected to it. */
interface Slot {
  target: ReadyTarget;
  /** The frame's window: what the app compares a ready's source with, and posts its connect to. */
  window: FrameWindow;
  guest: GuestEnd | undefined;
}

/** A test guest as the app's frames see it. */
interface GuestEnd {
  readonly origin: string;
  /** When it was created: the newest waiting guest loads first. */
  readonly born: number;
  readonly frame: TestFrame;
  readonly over: boolean;
  readonly connected: boolean;
  slot: Slot | undefined;
  /** Its latest ready to each origin, since the kit last routed them. */
  outbox: Map<string, unknown>;
  /** The guest posted its readies only to these origins, none of them the app's page. */
  miss(origins: readonly string[]): void;
}

// Frames the app mounted, and test guests no frame has taken yet: the newest guest loads into
// the first frame in the document that has none, so a guest an earlier test left behind does
// not take a later test's frame. A frame is gone once its widget stops waiting for readies (it
// was destroyed); its guest then loads into the app's next frame, as the same widget would.
const slots = new WeakMap<ReadyTarget, Slot>();
const guests: GuestEnd[] = [];
let created = 0;

/**
 * The frames the app has mounted, as the kit plays them: the iframe's `contentWindow` is the
 * frame's stand-in window, the one the app compares a ready's source with and posts to.
 */
function slotOf(target: ReadyTarget): Slot {
  let slot = slots.get(target);
  if (slot) return slot;
  const made: Slot = { target, window: { postMessage: (message, options) => toGuest(made, message, options) }, guest: undefined };
  const { iframe } = target;
  Object.defineProperty(iframe, 'contentWindow', { configurable: true, get: () => (iframe.isConnected ? made.window : null) });
  slots.set(target, (slot = made));
  return slot;
}

/** The first frame in the document with no live test guest: no guest loads in a detached frame. */
function freeSlot(): Slot | undefined {
  for (const target of waitingTargets) {
    if (!target.iframe.isConnected) continue;
    const slot = slotOf(target);
    if (!slot.guest || slot.guest.over || slot.guest.slot !== slot) return slot;
  }
  return undefined;
}

// An app mounts its frames whenever it likes (after a click, a render): a waiting guest looks
// again whenever the document changes, in a microtask, so fake timers do not hold it back.
let watcher: MutationObserver | undefined;
function waitForFrames(guest: GuestEnd): void {
  if (!guests.includes(guest)) guests.push(guest);
  watcher ??= new MutationObserver(() => {
    for (const each of guests.splice(0).sort((a, b) => b.born - a.born)) route(each);
    if (guests.length === 0) {
      watcher?.disconnect();
      watcher = undefined;
    }
  });
  watcher.observe(document, { childList: true, subtree: true });
}

/** Delivers a test guest's readies to the app, as the browser would from its frame to the page. */
function route(guest: GuestEnd): void {
  if (!guest.frame.listening || guest.over) return;
  if (!guest.slot || !waitingTargets.has(guest.slot.target) || !guest.slot.target.iframe.isConnected) {
    guest.slot = freeSlot();
    if (guest.slot) guest.slot.guest = guest;
  }
  const slot = guest.slot;
  if (!slot) return waitForFrames(guest);
  const sent = [...guest.outbox];
  guest.outbox.clear();
  if (sent.length === 0) return;
  const ready = sent.find(([targetOrigin]) => targetOrigin === pageOrigin());
  if (ready) {
    const event = { data: ready[1], origin: guest.origin, source: slot.window, isTrusted: true, ports: [] };
    queueMicrotask(() => receiveWindowMessage(event as unknown as MessageEvent));
    return;
  }
  if (!guest.connected) guest.miss(sent.map(([targetOrigin]) => targetOrigin));
}

/** The connect the app posts to its frame reaches the test guest only at the origin it names. */
function toGuest(slot: Slot, message: unknown, { targetOrigin, transfer = [] }: WindowPostMessageOptions): void {
  const ports = transfer.filter(isMessagePort);
  const guest = slot.guest;
  if (guest && !guest.over && guest.slot === slot && targetOrigin === guest.origin)
    guest.frame.deliver(message, pageOrigin(), guest.frame.parent, ports);
  else for (const port of ports) port.close();
}

/**
 * A widget for testing a host app in jsdom: the app's own, unmodified `mountWidget(...)` (or
 * `useWidget`, `<frameport-widget>`) connects to it over a real `MessageChannel`, through the
 * same handshake checks, guard, contract checks, rate limits and error codes as with a widget
 * in a real frame. The kit plays the browser: the test guest loads into the next frame the app
 * mounts (or one already waiting), its ready reaches the app from `origin`, which the app
 * checks against the origin it expects, and the app's connect reaches it only if sent to
 * `origin`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { expect } from 'vitest';
 * import { createTestGuest } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * declare function mountCheckout(container: HTMLElement): void; // the app's own code: calls mountWidget({ src: 'https://pay.example/widget.html', ... })
 *
 * const guest = createTestGuest({ contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } });
 * mountCheckout(document.body);
 * await guest.ready;
 * expect(await guest.waitForCall('setAmount')).toEqual({ amount: 42, currency: 'EUR' });
 * await guest.remote.paid({ orderId: 'A-1001', amount: 42 });
 * guest.destroy();
 * ```
 */
export function createTestGuest<C extends Contract = Contract<NoMethods, NoMethods>>(options: TestGuestOptions<C>): TestGuest<C> {
  requireBrowser('createTestGuest');
  const origin = exactOrigin(optionsObject(options, 'createTestGuest').origin, 'origin');
  const given: unknown = options.allowedOrigins ?? [pageOrigin()];
  if (!Array.isArray(given) || given.length === 0) {
    throw new FrameportError('INVALID_OPTIONS', 'allowedOrigins must list the exact origins allowed to embed this widget');
  }
  const allowedOrigins = given.map((each, index) => exactOrigin(each, `allowedOrigins[${index}]`));
  const { link, api, connected, fail } = openEnd<C['guest'], C['host']>('guest', options, ['origin', 'allowedOrigins']);
  let isConnected = false;
  let stopHandshake: () => void = () => undefined;
  let cooling: ReturnType<typeof setTimeout> | undefined;

  const guest: GuestEnd = {
    origin,
    born: (created += 1),
    frame: new TestFrame((message, targetOrigin) => {
      guest.outbox.set(targetOrigin, message);
      queueMicrotask(() => route(guest));
    }),
    get over() {
      return link.destroyed;
    },
    get connected() {
      return isConnected;
    },
    slot: undefined,
    outbox: new Map(),
    miss(origins) {
      fail(
        'HANDSHAKE_TIMEOUT',
        `this test guest's allowedOrigins (${origins.join(', ')}) do not include the app's origin ${pageOrigin()}: in a browser its ready would never reach the app`,
      );
    },
  };

  // The guest's own handshake, as connectToHost runs it, in the kit's frame.
  const handshake = (): void => {
    stopHandshake = startHandshake({ window: guest.frame, allowedOrigins, refuse: link.refuse, report: link.report, onConnect });
  };
  const onConnect = (port: MessagePort, hostOrigin: string): void => {
    link.open(port, hostOrigin, {
      onConnected: () => {
        isConnected = true;
        connected();
      },
      // As connectToHost: the app dropped us (a remount, a flood), so offer a new handshake.
      onLost: (why) => {
        if (link.destroyed) return;
        if (why === 'flood') cooling = setTimeout(handshake, link.coolUntil - performance.now());
        else handshake();
      },
    });
  };
  link.onDestroy(() => {
    clearTimeout(cooling);
    stopHandshake();
    const index = guests.indexOf(guest);
    if (index >= 0) guests.splice(index, 1);
  });
  handshake();
  return Object.assign(api, { origin });
}
