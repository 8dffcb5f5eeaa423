/** What test/pages/share/host.js and widget.js put on `window` for test/share.test.ts. */
type Outcome = { outcome: string; reason?: string; message?: string };
type Data = Record<string, unknown>;

declare global {
  interface Window {
    sharing: {
      calls: Data[];
      outcomes: Outcome[];
      unhandled: number;
      data: Data;
      options: Record<string, unknown>;
      copied?: string[];
      stub(behaviour: 'shared' | 'missing' | string): void;
      stubClipboard(): void;
      canShare(data: Data): boolean;
      mount(mode: 'allow' | 'delegate' | false | undefined, query?: string): Promise<void>;
      widget: { iframe: HTMLIFrameElement; stats(): { connects: number; refused: Record<string, number> }; destroy(): void };
      refused(): Record<string, number>;
      withoutClick: Promise<Outcome>;
    };
    shareWidget: {
      outcomes: Outcome[];
      unhandled: number;
      data: Data;
      times: number;
      forged?: { data: Data; count: number; noPort?: boolean };
      files(count: number, type?: string): File[];
      forgeUnasked(): void;
    };
  }
}

export {};
