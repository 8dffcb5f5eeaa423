import type { HandshakeWindow } from '../guest/handshake.ts';

type Listener = (event: MessageEvent) => void;

/** What a test frame's parent receives: a message and the origin it was posted to. */
export type Post = (message: unknown, targetOrigin: string) => void;

/**
 * The window a guest handshakes through inside the test kit, with its parent: messages travel
 * as the browser carries them (cloned, a task later, to whoever listens then), and each one
 * arrives stamped by the kit with the sender's origin and window and `isTrusted: true`, because
 * the kit is the browser here. The guest's own handshake code then checks them as it checks
 * real ones.
 */
export class TestFrame implements HandshakeWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  #listeners = new Set<Listener>();

  constructor(post: Post) {
    // Cloned now, as postMessage does: an uncloneable message throws at the sender.
    this.parent = { postMessage: (message, targetOrigin) => post(structuredClone(message), targetOrigin) };
  }

  /** Whether a handshake is waiting in this frame. */
  get listening(): boolean {
    return this.#listeners.size > 0;
  }

  addEventListener(type: 'message' | 'messageerror', listener: Listener): void {
    // The kit never delivers what it could not clone, so there is no messageerror to hear.
    if (type === 'message') this.#listeners.add(listener);
  }

  removeEventListener(type: 'message' | 'messageerror', listener: Listener): void {
    if (type === 'message') this.#listeners.delete(listener);
  }

  /** Delivers `message` into this frame as if `source`, at `origin`, had posted it. */
  deliver(message: unknown, origin: string, source: object, ports: readonly MessagePort[] = []): void {
    const data = structuredClone(message);
    // A microtask rather than a timer: a test with fake timers still connects.
    queueMicrotask(() => {
      const event = { data, origin, source, isTrusted: true, ports } as unknown as MessageEvent;
      if (!this.listening) for (const port of ports) port.close();
      for (const listener of [...this.#listeners]) listener(event);
    });
  }
}

/** A stand-in for a size watcher: nothing has a layout to measure in Node or jsdom. */
export const noSizes = (): { resend(): void; stop(): void } => ({ resend: () => undefined, stop: () => undefined });

/** The origin of the test's own page: where a widget under test runs, and the app under test. */
export const pageOrigin = (): string => (typeof location === 'undefined' ? 'null' : location.origin);
