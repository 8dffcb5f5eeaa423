import type { Contract, SideHandlers } from '../shared/contract.ts';
import { exactOrigin } from '../shared/origin.ts';
import type { CommonOptions } from '../shared/options.ts';
import { parseHandshake, PROTOCOL } from '../shared/protocol.ts';
import type { GuestStandIn } from '../guest/stage.ts';
import { openEnd, optionsObject, type TestEnd } from './end.ts';
import { noSizes, pageOrigin, TestFrame } from './frame.ts';

type NoMethods = Record<never, never>;

/**
 * `createTestHost`'s options: `mountWidget`'s `contract`, `methods` and common options, and the
 * `origin` of the page it plays.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import type { TestHostOptions } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const options: TestHostOptions<typeof payment> = { contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } };
 * ```
 */
export interface TestHostOptions<C extends Contract> extends CommonOptions {
  contract?: C;
  /** Implementations of `contract.host`, as on `mountWidget`: every declared method, and nothing else. */
  methods?: SideHandlers<C, 'host'>;
  /** The origin of the page embedding the widget, as the widget sees it: one of its `allowedOrigins`, e.g. `"https://shop.example"`. */
  origin: string;
}

/**
 * A host for one widget under test, playing the page at `origin`.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { expect } from 'vitest';
 * import { createTestHost, type TestHost } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * const host: TestHost<typeof payment> = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
 * await host.ready;
 * expect(host.refusals).toEqual([]);
 * ```
 */
export interface TestHost<C extends Contract> extends TestEnd<C['host'], C['guest']> {
  /** The origin of the page this host plays. */
  readonly origin: string;
}

/** A test host as the widgets' frames see it. */
interface HostEnd {
  readonly origin: string;
  readonly over: boolean;
  readonly connected: boolean;
  take(ready: unknown, frame: TestFrame): void;
  /** The widget posted its readies only to these origins: none of them this page's. */
  miss(origins: readonly string[]): void;
}

/** A widget's `connectToHost`, as the kit carries its messages. */
interface WidgetFrame {
  frame: TestFrame;
  host: HostEnd | undefined;
  /** Its latest ready to each origin, since the kit last routed them. */
  outbox: Map<string, unknown>;
  routing: boolean;
}

// Test hosts no widget has reached yet, and widgets no test host has taken yet: each is paired
// with the first of the other, in the order they came. A widget stays with the test host that
// took it, as a frame stays in its page: when that page is gone (`destroy()`, or an origin the
// widget does not allow), so is the frame, and no later test host, in this test or the next,
// takes a widget left over from it.
const hosts: HostEnd[] = [];
const widgets: WidgetFrame[] = [];

/**
 * Delivers a widget's readies to its test host, as the browser would to its parent: only a
 * ready posted to the page's own origin arrives. If none was, the widget's `allowedOrigins`
 * lack that origin, and the test host says so at once rather than timing out.
 */
function route(widget: WidgetFrame): void {
  // A handshake that stopped (connected, or destroyed) has nobody left to answer.
  if (!widget.frame.listening) return;
  widget.host ??= hosts.shift();
  const host = widget.host;
  if (!host) {
    if (!widgets.includes(widget)) widgets.push(widget);
    return;
  }
  const sent = [...widget.outbox];
  widget.outbox.clear();
  if (sent.length === 0 || host.over) return;
  const ready = sent.find(([targetOrigin]) => targetOrigin === host.origin);
  if (ready) return host.take(ready[1], widget.frame);
  if (!host.connected) host.miss(sent.map(([targetOrigin]) => targetOrigin));
}

/** What the kit puts in place of the page for each `connectToHost` (see `guest/stage.ts`). */
export function standInForWidget(): GuestStandIn {
  const widget: WidgetFrame = {
    frame: new TestFrame((message, targetOrigin) => {
      widget.outbox.set(targetOrigin, message);
      // The guest posts one ready per allowed origin in one go: route them together.
      if (widget.routing) return;
      widget.routing = true;
      queueMicrotask(() => {
        widget.routing = false;
        route(widget);
      });
    }),
    host: undefined,
    outbox: new Map(),
    routing: false,
  };
  return { window: widget.frame, watchSize: noSizes };
}

/**
 * A host for testing a widget without a browser, in Node or jsdom: the widget's own, unmodified
 * `connectToHost({ contract, methods, allowedOrigins })` connects to it, over a real
 * `MessageChannel`, through the same guard, contract checks, rate limits and error codes as
 * `mountWidget`. The kit plays the browser: the widget's ready reaches the test host only if
 * `origin` is among its `allowedOrigins`, and the connect it gets back passes the widget's own
 * handshake checks. Create it before or after the widget starts; each test host takes the next
 * widget that has none, and keeps it: after `destroy()` (the page is gone), no other test host
 * takes that widget, whose own code must then be destroyed, or restarted for a new one.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { createTestHost } from 'frameport/testing';
 *
 * const payment = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string(), amount: z.number() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number(), currency: z.enum(['EUR', 'USD']) }), output: z.literal('ok') } },
 * });
 * declare function startWidget(): void; // the widget's own code: calls connectToHost({ allowedOrigins: ['https://shop.example'], ... })
 *
 * const host = createTestHost({ contract: payment, origin: 'https://shop.example', methods: { paid: () => undefined } });
 * startWidget();
 * await host.ready;
 * await host.remote.setAmount({ amount: 42, currency: 'EUR' }); // 'ok'
 * await host.waitForCall('paid'); // { orderId: 'A-1001', amount: 42 }
 * host.destroy();
 * ```
 */
export function createTestHost<C extends Contract = Contract<NoMethods, NoMethods>>(options: TestHostOptions<C>): TestHost<C> {
  const origin = exactOrigin(optionsObject(options, 'createTestHost').origin, 'origin');
  const { link, api, connected, fail } = openEnd<C['host'], C['guest']>('host', options, ['origin']);
  // The widget runs in the test's own realm, so its origin is the test page's.
  const widgetOrigin = pageOrigin();
  let nonce: string | undefined;
  let isConnected = false;

  const end: HostEnd = {
    origin,
    get over() {
      return link.destroyed;
    },
    get connected() {
      return isConnected;
    },
    // As mountWidget answers a ready: within the ready budget, once per document, not while cooling down.
    take(message, frame) {
      const ready = parseHandshake(message, 'ready');
      if (!ready) return link.refuse({ reason: 'shape', code: 'INVALID_MESSAGE', message: 'a malformed ready', origin: widgetOrigin });
      if (!link.limiter.readies()) {
        return link.refuse({
          reason: 'rate',
          code: 'RATE_LIMITED',
          message: 'ready messages faster than a widget reloads',
          origin: widgetOrigin,
        });
      }
      if (ready.nonce === nonce) return;
      if (performance.now() < link.coolUntil) {
        return link.refuse({
          reason: 'rate',
          code: 'RATE_LIMITED',
          message: 'a ready during the cool-down after a flood',
          origin: widgetOrigin,
        });
      }
      nonce = ready.nonce;
      const { port1, port2 } = new MessageChannel();
      frame.deliver({ frameport: PROTOCOL, type: 'connect', nonce }, origin, frame.parent, [port2]);
      link.open(port1, widgetOrigin, {
        onConnected: () => {
          isConnected = true;
          connected();
        },
        // The widget comes back by itself (a new ready) once it has been dropped.
        onLost: () => undefined,
      });
    },
    miss(origins) {
      fail(
        'HANDSHAKE_TIMEOUT',
        `the widget's allowedOrigins (${origins.join(', ')}) do not include this test host's origin ${origin}: in a browser its ready would never reach the page`,
      );
    },
  };
  hosts.push(end);
  link.onDestroy(() => {
    const index = hosts.indexOf(end);
    if (index >= 0) hosts.splice(index, 1);
  });
  for (const widget of widgets.splice(0)) route(widget);
  return Object.assign(api, { origin });
}
