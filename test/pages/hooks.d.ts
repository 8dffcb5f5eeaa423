import type { Contract } from '../../shared/contract.ts';
import type { HostConnection } from '../../guest/connectToHost.ts';
import type { Widget } from '../../host/mountWidget.ts';

/** What the test pages put on `window` for the tests to drive. */
type Settled = { value?: unknown; code?: string; message?: string; remoteCode?: string };
type Call = (input?: unknown) => Promise<unknown>;
/** The methods of test/pages/connection/contract.js, as each side calls them. */
type GuestRemote = { add: Call; slow: Call; badOutput: Call; whoami: Call };
type HostRemote = { greet: Call; record: Call; echo: Call };
type TestWidget = Omit<Widget<Contract>, 'remote'> & { remote: GuestRemote };

declare global {
  interface Window {
    ready?: boolean;
    mount(options: Record<string, unknown>): TestWidget;
    widget: TestWidget;
    log: string[];
    handled: { greet: number; record: number; echo: number };
    settle(promise: Promise<unknown>): Promise<Settled>;
    /** Set by the guest page once connected; tests read it only after that. */
    host: Omit<HostConnection<Contract>, 'remote'> & { remote: HostRemote };
    connection: Promise<Settled>;
    inbox: { type?: string; id?: string; callId?: string }[];
    send(message: unknown, transfer?: Transferable[]): void;
    reply(id: string): Promise<Settled>;
    connected?: boolean;
    attack(): void;
    offerConnect(frame: HTMLIFrameElement, origin: string): void;
    config: Record<string, unknown>;
    results: Promise<Settled>[];
    tokens(request: { issuer: string; code: string; codeVerifier: string }): Promise<Record<string, unknown>>;
    // test/pages/attacks: the attacked host page...
    widgets: Record<string, TestWidget>;
    refusals: { widget: string; reason: string; code: string; message: string; at: number }[];
    ticker: { start(): void; stop(): number };
    roundTrips(widget: string, count: number): Promise<{ at: number; ms: number }[]>;
    sampler: { start(widget: string): void; stop(): Promise<{ at: number; ms: number }[]> };
    // ...its hostile widget...
    connects: number;
    marks: number;
    callHost(method: string, input?: unknown): Promise<Settled>;
    answer(call: { id: string; methodPath: string[]; args: unknown[] }): unknown;
    handshake(): Promise<void>;
    freshNonce(): string;
    // ...a sibling frame, and a page of the widget's origin.
    flood(count: number): void;
    connectToHost(options: Record<string, unknown>): Promise<unknown>;
    abort(): void;
  }
}
