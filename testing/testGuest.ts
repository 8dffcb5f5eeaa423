import type { Contract, SideHandlers } from '../shared/contract.ts';
import { requireBrowser } from '../shared/environment.ts';
import { FrameportError } from '../shared/errors.ts';
import type { CommonOptions } from '../shared/options.ts';
import { exactOrigin } from '../shared/origin.ts';
import { isMessagePort } from '../shared/transfer.ts';
import { startHandshake } from '../guest/handshake.ts';
import type { FrameWindow, HostStandIn, ReadyTarget } from '../host/handshake.ts';
import { openEnd, type TestEnd } from './end.ts';
import { pageOrigin, TestFrame } from './frame.ts';

type NoMethods = Record<never, never>;

export interface TestGuestOptions<C extends Contract> extends CommonOptions {
  contract?: C;
  /** Implementations of `contract.guest`, as on `connectToHost`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'guest'>;
  /** The widget's origin: the origin of the app's `src` (or one of its `origin` list), e.g. `"https://pay.example"`. */
  origin: string;
  /** The exact origins allowed to embed the widget. Default: the test page's own (`location.origin`), where the app runs. */
  allowedOrigins?: readonly string[];
}

/** A widget for testing a host app, playing the page at `origin` inside the app's frame. */
export interface TestGuest<C extends Contract> extends TestEnd<C['guest'], C['host']> {
  readonly origin: string;
}

/** A frame the app mounted (`mountWidget`), waiting for its guest or connected to it. */
interface Slot {
  target: ReadyTarget;
  /** The app's handshake listener, as the window would call it. */
  receive(event: MessageEvent): void;
  /** The frame's window as the app's handshake sees it: compared, and posted to. */
  window: FrameWindow;
  guest: GuestEnd | undefined;
}

/** A test guest as the app's frames see it. */
interface GuestEnd {
  readonly origin: string;
  readonly frame: TestFrame;
  readonly over: boolean;
  readonly connected: boolean;
  slot: Slot | undefined;
  /** Its latest ready to each origin, since the kit last routed them. */
  outbox: Map<string, unknown>;
  /** The guest posted its readies only to these origins, none of them the app's page. */
  miss(origins: readonly string[]): void;
}

// Frames the app mounted, and test guests no frame has taken yet: each guest loads into the
// first frame that has none, in the order they came.
const slots: Slot[] = [];
const guests: GuestEnd[] = [];

/** Delivers a test guest's readies to the app, as the browser would from its frame to the page. */
function route(guest: GuestEnd): void {
  if (!guest.frame.listening || guest.over) return;
  if (!guest.slot || !slots.includes(guest.slot)) {
    guest.slot = slots.find((slot) => !slot.guest);
    if (guest.slot) guest.slot.guest = guest;
  }
  const slot = guest.slot;
  if (!slot) {
    if (!guests.includes(guest)) guests.push(guest);
    return;
  }
  const sent = [...guest.outbox];
  guest.outbox.clear();
  if (sent.length === 0) return;
  const ready = sent.find(([targetOrigin]) => targetOrigin === pageOrigin());
  if (ready) {
    const event = { data: ready[1], origin: guest.origin, source: slot.window, isTrusted: true, ports: [] };
    queueMicrotask(() => slot.receive(event as unknown as MessageEvent));
    return;
  }
  if (!guest.connected) guest.miss(sent.map(([targetOrigin]) => targetOrigin));
}

/** The connect the app posts to its frame reaches the test guest only at the origin it names. */
function toGuest(slot: Slot, message: unknown, { targetOrigin, transfer = [] }: WindowPostMessageOptions): void {
  const ports = transfer.filter(isMessagePort);
  const guest = slot.guest;
  if (guest && !guest.over && targetOrigin === guest.origin) guest.frame.deliver(message, pageOrigin(), guest.frame.parent, ports);
  else for (const port of ports) port.close();
}

/** What the kit puts in place of the app's widget frames (see `host/handshake.ts`). */
export const standInForFrames: HostStandIn = {
  watch(target, receive) {
    const slot: Slot = { target, receive, window: { postMessage: (message, options) => toGuest(slot, message, options) }, guest: undefined };
    slots.push(slot);
    for (const guest of guests.splice(0)) route(guest);
    return () => {
      slots.splice(slots.indexOf(slot), 1);
      slot.guest = undefined;
    };
  },
  frameOf: (iframe) => slots.find((slot) => slot.target.iframe === iframe)?.window ?? iframe.contentWindow,
};

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
 * import { createTestGuest } from 'frameport/testing';
 * import { payment } from './contract';
 * import { mountCheckout } from './checkout'; // calls mountWidget({ src: 'https://pay.example/widget.html', ... })
 *
 * const guest = createTestGuest({ contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' } });
 * mountCheckout(document.body);
 * await guest.ready;
 * expect(await guest.waitForCall('setAmount')).toEqual({ amount: 42, currency: 'EUR' });
 * await guest.remote.paid({ orderId: 'A-1001', amount: 42 });
 * guest.destroy();
 */
export function createTestGuest<C extends Contract = Contract<NoMethods, NoMethods>>(options: TestGuestOptions<C>): TestGuest<C> {
  requireBrowser('createTestGuest');
  const { link, api, connected, fail } = openEnd<C['guest'], C['host']>('guest', options, ['origin', 'allowedOrigins']);
  const origin = exactOrigin(options.origin, 'origin');
  const given: unknown = options.allowedOrigins ?? [pageOrigin()];
  if (!Array.isArray(given) || given.length === 0) {
    throw new FrameportError('INVALID_OPTIONS', 'allowedOrigins must list the exact origins allowed to embed this widget');
  }
  const allowedOrigins = given.map((each, index) => exactOrigin(each, `allowedOrigins[${index}]`));
  let isConnected = false;
  let stopHandshake: () => void = () => undefined;
  let cooling: ReturnType<typeof setTimeout> | undefined;

  const guest: GuestEnd = {
    origin,
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
    if (guest.slot?.guest === guest) guest.slot.guest = undefined;
  });
  handshake();
  return Object.assign(api, { origin });
}
