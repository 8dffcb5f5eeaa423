/** What test/pages/ports/host.js puts on `window.ports` for test/ports.test.ts. */
type Settled = { value?: unknown; code?: string; message?: string };
type Call = (input?: unknown) => Promise<unknown>;
interface PortLinkHook {
  remote: Record<string, Call>;
  ready: Promise<void>;
  destroy(): void;
}

declare global {
  interface Window {
    ports: {
      settle(promise: Promise<unknown>): Promise<Settled>;
      mount(src: string): Promise<void>;
      widget: { remote: Record<string, Call> };
      connectPort(port: MessagePort, options: Record<string, unknown>): Promise<PortLinkHook>;
      transfer<T>(value: T, transferables: Transferable[]): T;
      echo: unknown;
      contacts: unknown;
      contactsGrant(options: Record<string, unknown>): { port: MessagePort; revoke(): void; stats(): { refused: Record<string, number> } };
      added: string[];
      widgets: Record<string, { stats(): { refused: Record<string, number> }; iframe: HTMLIFrameElement }>;
      mountNamed(name: string, src: string): Promise<void>;
      introduce(a: unknown, b: unknown, options: { name: string }): void;
      countPosts(): void;
      posts: number;
    };
    lines: number;
    links: unknown[];
    lineCall(text: string): Promise<Settled>;
    dropLine(): void;
    early: Promise<Settled>;
    callHeld(count: number): Promise<unknown[]>;
    chaosTimers: { live(): string[]; quiet(within: number): Promise<string[]> };
  }
}

export {};
