/** What the chaos test pages (test/pages/chaos) put on `window` for test/chaos.test.ts. */

export interface ChaosConfig {
  seed: number;
  guestSrc: string;
  /** Pages without the SDK the frame is sent to; each goes back to `guestSrc` by itself. */
  awaySrcs: string[];
  hostCalls: number;
  guestCalls: number;
  callTimeout: number;
  heartbeatInterval: number;
  /** The chance that a pipeline of calls gets a chaos event at a random moment. */
  chaosRate: number;
  /** How long the final widget may take to bring the guest's calls up to `guestCalls`. */
  guestWithin: number;
}

type Counts = Record<string, number>;

export interface HostTally {
  calls: { add: number; reload: number; navigate: number };
  values: number;
  codes: Counts;
  wrong: string[];
  unexpected: string[];
  unsettled: string[];
  settledTwice: { id: number; kind: string; widget: number }[];
  events: Counts;
  widgets: number;
  connects: number;
  disconnects: Counts;
  refused: Counts;
  errors: Counts;
  guestCallsAnswered: number;
  finalReady: string;
}

export interface GuestTally {
  document: number;
  made: number;
  values: number;
  codes: Counts;
  wrong: string[];
  unexpected: string[];
  handshake: string;
  unsettled: number;
  settledTwice: number;
}

declare global {
  interface Window {
    chaosReady?: boolean;
    /** test/pages/chaos/timers.js, on the host page and on the guest's. */
    chaosTimers: {
      live(): string[];
      quiet(within: number): Promise<string[]>;
    };
    chaosHost: {
      run(config: ChaosConfig): Promise<HostTally>;
      destroy(): void;
    };
    chaosGuest: {
      document: number;
      stop(within: number): Promise<GuestTally>;
      earlier(): GuestTally[];
      destroy(): void;
    };
  }
}
