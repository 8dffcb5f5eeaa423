import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { defineContract } from '../../../dist/index.mjs';
import { useWidget, type WidgetStatus } from '../../../dist/react.mjs';

// A tiny app as a user writes one: the contract at module level, inline methods, StrictMode.
const contract = defineContract({
  host: { label: { input: z.undefined(), output: z.string() } },
  guest: {
    counts: { input: z.undefined(), output: z.object({ loads: z.number(), connects: z.number() }) },
    askLabel: { input: z.undefined(), output: z.string() },
  },
});

declare global {
  interface Window {
    app: {
      status: WidgetStatus;
      onConnects: number;
      show(shown: boolean): void;
      relabel(label: string): void;
      counts(): Promise<unknown>;
      askLabel(): Promise<unknown>;
    };
  }
}

const src = new URLSearchParams(location.search).get('guest') ?? '';

function Widget({ label }: { label: string }) {
  const { ref, status, remote } = useWidget({
    src,
    title: 'react widget',
    contract,
    methods: { label: () => label },
    onConnect: () => void (window.app.onConnects += 1),
  });
  window.app.status = status;
  window.app.counts = () => remote.counts();
  window.app.askLabel = () => remote.askLabel();
  return <div ref={ref} data-status={status} />;
}

function App() {
  const [shown, setShown] = useState(true);
  const [label, setLabel] = useState('first');
  window.app.show = setShown;
  window.app.relabel = setLabel;
  return shown ? <Widget label={label} /> : null;
}

window.app = { status: 'connecting', onConnects: 0 } as Window['app'];
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
