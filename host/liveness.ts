import type { ControlMessage } from '../shared/protocol.ts';
import { PROTOCOL } from '../shared/protocol.ts';

export interface LivenessOptions {
  /** Milliseconds between pings. */
  interval: number;
  send(message: ControlMessage): void;
  onDead(): void;
}

const allowedMisses = 3;

/**
 * Browsers fire no `close` event on a MessagePort, so a guest that reloaded, navigated away or
 * was removed looks exactly like a quiet one. The host pings; the guest's guard answers.
 * Misses are counted per ping rather than by elapsed time, because a background tab runs
 * timers as rarely as once a minute and a time-based check would declare every guest dead.
 */
export function watchLiveness({ interval, send, onDead }: LivenessOptions): {
  alive(message?: ControlMessage): void;
  probe(): void;
  stop(): void;
} {
  let seq = 0;
  let answered = true;
  let misses = 0;
  const ping = (): void => {
    seq += 1;
    answered = false;
    send({ frameport: PROTOCOL, type: 'ping', seq });
  };
  const timer = setInterval(() => {
    misses = answered ? 0 : misses + 1;
    if (misses >= allowedMisses) {
      clearInterval(timer);
      onDead();
      return;
    }
    ping();
  }, interval);
  return {
    alive(message) {
      if (!message || (message.type === 'pong' && message.seq === seq)) answered = true;
    },
    // After an iframe `load`: the document behind the port may be gone. One missed ping decides.
    probe() {
      misses = allowedMisses - 1;
      ping();
    },
    stop: () => clearInterval(timer),
  };
}
