import { isFrameportMessage, parseHandshake, PROTOCOL } from '../shared/protocol.ts';
import type { Refusal } from '../shared/stats.ts';

/** A widget waiting for its guest's `ready`. */
export interface ReadyTarget {
  iframe: HTMLIFrameElement;
  /** The exact origins the guest may have; the one a ready comes from is the one answered. */
  origins: readonly string[];
  onReady(nonce: string, origin: string): void;
  /** What the widget's own frame sent: counts toward its flood breaker. */
  refuse(refusal: Refusal): void;
  /** What some other window sent: counted, but a stranger cannot get our widget dropped. */
  report(refusal: Refusal): void;
}

// One window listener for all widgets on the page, so each `ready` goes to the one widget
// whose frame sent it, and a stranger's is reported to all of them.
const targets = new Set<ReadyTarget>();

/**
 * The widgets waiting for readies now, in the order they were mounted, and the listener their
 * frames' messages go to: what `frameport/testing` (`createTestGuest`) reads to stand in for a
 * widget's frame in jsdom, at no cost to an app that does not import it. Only code that imports
 * frameport's modules in this realm can reach them; a message from another window goes through
 * the window listener and its checks, as before.
 */
export const waitingTargets: ReadonlySet<ReadyTarget> = targets;
export { onMessage as receiveWindowMessage };

function targetOf(event: MessageEvent): ReadyTarget | undefined {
  if (event.source === null) return undefined;
  for (const candidate of targets) if (candidate.iframe.contentWindow === event.source) return candidate;
  return undefined;
}

function onMessage(event: MessageEvent): void {
  if (!isFrameportMessage(event.data) || event.data.type !== 'ready') return;
  // A ready never brings a port: whoever sent one, it is not kept open here.
  for (const port of event.ports) port.close();
  const { origin } = event;
  const target = targetOf(event);
  if (!target || !event.isTrusted) {
    const message = target ? 'a synthetic ready event' : 'a ready from a window that is not a widget frame';
    for (const each of target ? [target] : targets) each.report({ reason: 'source', code: 'INVALID_MESSAGE', message, origin });
    return;
  }
  if (!target.origins.includes(origin)) {
    return target.refuse({
      reason: 'origin',
      code: 'INVALID_MESSAGE',
      message: `a ready from ${origin}, expected ${target.origins.join(' or ')}`,
      origin,
    });
  }
  const ready = parseHandshake(event.data, 'ready');
  if (!ready) return target.refuse({ reason: 'shape', code: 'INVALID_MESSAGE', message: 'a malformed ready', origin });
  target.onReady(ready.nonce, origin);
}

/** A window message the browser could not deserialize: whoever sent it, it is counted. */
function onUnreadable(event: MessageEvent): void {
  const target = targetOf(event);
  const refusal: Refusal = {
    reason: 'clone',
    code: 'INVALID_MESSAGE',
    message: 'a window message this browser could not deserialize',
    origin: event.origin,
  };
  if (target) target.refuse(refusal);
  else for (const each of targets) each.report(refusal);
}

/** Starts routing `ready` messages to `target`; the listeners exist only while a widget waits. */
export function listenForReady(target: ReadyTarget): () => void {
  if (targets.size === 0) {
    window.addEventListener('message', onMessage);
    window.addEventListener('messageerror', onUnreadable);
  }
  targets.add(target);
  return () => {
    targets.delete(target);
    if (targets.size === 0) {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('messageerror', onUnreadable);
    }
  };
}

/**
 * Answers a `ready`: a fresh channel, one port kept, the other sent to the exact guest origin
 * with the guest's nonce. If the frame has navigated elsewhere meanwhile, the browser drops
 * the message rather than deliver the port to the wrong origin.
 */
export function sendConnect(iframe: HTMLIFrameElement, origin: string, nonce: string): MessagePort | undefined {
  const target = iframe.contentWindow;
  if (!target) return undefined;
  const { port1, port2 } = new MessageChannel();
  target.postMessage({ frameport: PROTOCOL, type: 'connect', nonce }, { targetOrigin: origin, transfer: [port2] });
  return port1;
}
