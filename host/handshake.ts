import { isFrameportMessage, parseHandshake, PROTOCOL } from '../shared/protocol.ts';
import type { Refusal } from '../shared/refusals.ts';

/** A widget waiting for its guest's `ready`. */
export interface ReadyTarget {
  iframe: HTMLIFrameElement;
  /** The exact origin the guest must have. */
  origin: string;
  onReady(nonce: string): void;
  refuse(refusal: Refusal): void;
}

// One window listener for all widgets on the page, so each `ready` goes to the one widget
// whose frame sent it, and a stranger's is reported to all of them.
const targets = new Set<ReadyTarget>();

function onMessage(event: MessageEvent): void {
  if (!isFrameportMessage(event.data) || event.data.type !== 'ready') return;
  const { origin } = event;
  let target: ReadyTarget | undefined;
  for (const candidate of targets) {
    if (event.source !== null && candidate.iframe.contentWindow === event.source) target = candidate;
  }
  if (!target || !event.isTrusted) {
    const message = target ? 'a synthetic ready event' : 'a ready from a window that is not a widget frame';
    for (const each of target ? [target] : targets) each.refuse({ reason: 'source', code: 'INVALID_MESSAGE', message, origin });
    return;
  }
  if (origin !== target.origin) {
    target.refuse({ reason: 'origin', code: 'INVALID_MESSAGE', message: `a ready from ${origin}, expected ${target.origin}`, origin });
    return;
  }
  const ready = parseHandshake(event.data, 'ready');
  if (!ready) {
    target.refuse({ reason: 'shape', code: 'INVALID_MESSAGE', message: 'a malformed ready', origin });
    return;
  }
  target.onReady(ready.nonce);
}

/** Starts routing `ready` messages to `target`; the listener exists only while a widget waits. */
export function listenForReady(target: ReadyTarget): () => void {
  if (targets.size === 0) window.addEventListener('message', onMessage);
  targets.add(target);
  return () => {
    targets.delete(target);
    if (targets.size === 0) window.removeEventListener('message', onMessage);
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
