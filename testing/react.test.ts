// @vitest-environment jsdom
import { createElement, StrictMode, act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestGuest } from './index.ts';
import { useWidget, type UseWidgetResult } from '../react/useWidget.ts';
import { payment } from '../test/unit/paymentWidget.ts';

// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const open: { destroy(): void }[] = [];
let root: Root | undefined;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  for (const each of open.splice(0)) each.destroy();
  document.body.replaceChildren();
});

describe('createTestGuest with a React app (useWidget) under StrictMode', () => {
  it('the app mounts, unmounts and mounts again, and ends up connected to the test guest once', async () => {
    const guest = createTestGuest({ contract: payment, origin: 'https://pay.example', methods: { setAmount: () => 'ok' as const } });
    open.push(guest);
    const paid: string[] = [];
    let seen: UseWidgetResult<typeof payment> | undefined;
    function Checkout() {
      const result = useWidget({
        src: 'https://pay.example/widget.html',
        title: 'Card payment',
        contract: payment,
        methods: { paid: ({ orderId }) => void paid.push(orderId) },
      });
      seen = result;
      return createElement('div', { ref: result.ref });
    }
    const container = document.createElement('div');
    document.body.append(container);
    await act(async () => {
      root = createRoot(container);
      root.render(createElement(StrictMode, null, createElement(Checkout)));
    });
    // The hook's widget is the second mount's; its connect updates the hook's state.
    await act(async () => {
      await seen!.widget!.ready;
    });
    await guest.ready;
    expect(seen!.status).toBe('connected');
    expect(container.querySelectorAll('iframe')).toHaveLength(1);

    await expect(seen!.remote.setAmount({ amount: 42, currency: 'EUR' })).resolves.toBe('ok');
    await guest.remote.paid({ orderId: 'R-1', amount: 42 });
    expect(paid).toEqual(['R-1']);
    expect(guest.stats().connects).toBe(1);
  });
});
