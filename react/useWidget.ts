import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import type { Handler } from '../shared/connection.ts';
import { mountWidget, type MountOptions, type Widget } from '../host/mountWidget.ts';

type NoMethods = Record<never, never>;

/**
 * Where a `useWidget` widget is: `connecting` (mounting, or waiting for the first handshake),
 * `connected`, `disconnected` (the guest went away; it reconnects by itself), `failed`
 * (`error` says why: refused options, handshake timeout), `destroyed` (unmounted).
 *
 * @example
 * ```tsx
 * import type { WidgetStatus } from 'frameport/react';
 *
 * const labels: Record<WidgetStatus, string> = {
 *   connecting: 'Loading payment…',
 *   connected: '',
 *   disconnected: 'Reconnecting…',
 *   failed: 'Payment is unavailable',
 *   destroyed: '',
 * };
 * export const StatusLine = ({ status }: { status: WidgetStatus }) => <p role="status">{labels[status]}</p>;
 * ```
 */
export type WidgetStatus = 'connecting' | 'connected' | 'disconnected' | 'failed' | 'destroyed';

/**
 * Options of `useWidget`: `mountWidget`'s options less `container` (the element `ref` is put on)
 * and `signal` (the component's lifetime), plus `onConnect`. Keep `contract` at module level: a
 * new contract object on each render would remount the widget.
 *
 * @example
 * ```tsx
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { useWidget, type UseWidgetOptions } from 'frameport/react';
 *
 * const chatContract = defineContract({ host: {}, guest: { setUser: { input: z.object({ name: z.string() }) } } });
 * const chatOptions: UseWidgetOptions<typeof chatContract> = {
 *   src: 'https://chat.example/widget',
 *   title: 'Support chat',
 *   contract: chatContract,
 *   autoResize: { maxHeight: 640 },
 * };
 * export function Chat({ name }: { name: string }) {
 *   const { ref } = useWidget({ ...chatOptions, onConnect: (guest) => void guest.setUser({ name }).catch(() => undefined) });
 *   return <div ref={ref} />;
 * }
 * ```
 */
export interface UseWidgetOptions<C extends Contract> extends Omit<MountOptions<C>, 'container' | 'signal'> {
  /**
   * Runs on every connection: the first, and each after the widget reloaded and lost what it
   * had. Send the widget its state here. The latest one given is called.
   */
  onConnect?: (remote: Remote<C['guest']>, event: { origin: string }) => void;
}

/**
 * What `useWidget` returns on each render: the ref for the container, the widget's status and
 * error, its methods, and the widget itself for anything else (`stats()`, `on()`).
 *
 * @example
 * ```tsx
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { useWidget, type UseWidgetResult } from 'frameport/react';
 *
 * const mapContract = defineContract({ host: {}, guest: { center: { input: z.object({ lat: z.number(), lng: z.number() }) } } });
 * export function StoreMap() {
 *   const result: UseWidgetResult<typeof mapContract> = useWidget({ src: 'https://maps.example/embed', title: 'Store map', contract: mapContract });
 *   if (result.status === 'failed') return <p>Map unavailable ({result.error?.code})</p>;
 *   return (
 *     <>
 *       <div ref={result.ref} />
 *       <button onClick={() => void result.remote.center({ lat: 48.85, lng: 2.35 })}>Paris store</button>
 *     </>
 *   );
 * }
 * ```
 */
export interface UseWidgetResult<C extends Contract> {
  /** Put it on the element the iframe goes in: `<div ref={ref} />`. */
  ref: (container: Element | null) => void;
  /** Where the widget is now; see {@link WidgetStatus}. */
  status: WidgetStatus;
  /** Why the status is `failed` (invalid options, handshake timeout). */
  error: FrameportError | undefined;
  /** The guest's methods; stable across renders and remounts. With no widget mounted, calls reject with `DISCONNECTED`. */
  remote: Remote<C['guest']>;
  /** The widget mounted now, if any. */
  widget: Widget<C> | undefined;
}

interface State<C extends Contract> {
  status: WidgetStatus;
  error?: FrameportError;
  widget?: Widget<C>;
}

// A layout effect keeps the latest options before any event can read them; on a server, where
// nothing mounts anyway, a plain effect avoids React's warning.
const useLatestEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Mounts a widget in the element `ref` is put on, and keeps it while `src`, `origin` and
 * `contract` stay the same (define the contract outside the component). New `methods` or
 * `onConnect` on a re-render are used from then on without remounting; other options are read
 * when the widget mounts. Unmounting destroys the widget; StrictMode's mount, unmount, mount
 * leaves one widget and no error.
 *
 * Failures do not throw into the render: options `mountWidget` refuses (`INVALID_OPTIONS`,
 * `UNSAFE_SANDBOX`) and `HANDSHAKE_TIMEOUT` set `status: 'failed'` and `error`. Calls on
 * `remote` with no widget mounted reject with `DISCONNECTED`.
 *
 * @example
 * ```tsx
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import { useWidget } from 'frameport/react';
 *
 * // At module level: a new contract object would remount the widget.
 * const payContract = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number() }) } },
 * });
 *
 * export function Payment({ amount, onPaid }: { amount: number; onPaid: (orderId: string) => void }) {
 *   const { ref, status } = useWidget({
 *     src: 'https://pay.example/widget',
 *     title: 'Card payment',
 *     contract: payContract,
 *     methods: { paid: ({ orderId }) => onPaid(orderId) },
 *     // Every connection, also after the widget reloaded: send it the state it needs.
 *     onConnect: (guest) => void guest.setAmount({ amount }).catch(() => undefined),
 *   });
 *   return <div ref={ref} aria-busy={status === 'connecting'} />;
 * }
 * ```
 */
export function useWidget<C extends Contract = Contract<NoMethods, NoMethods>>(options: UseWidgetOptions<C>): UseWidgetResult<C> {
  const latest = useRef(options);
  useLatestEffect(() => {
    latest.current = options;
  });
  const [container, setContainer] = useState<Element | null>(null);
  const [state, setState] = useState<State<C>>({ status: 'connecting' });
  const current = useRef<Widget<C> | undefined>(undefined);
  const { contract } = options;
  const src = String(options.src);
  const origin = options.origin === undefined ? '' : [options.origin].flat().join(' ');
  const remote = useMemo(() => forwardingRemote<C>(contract, current), [contract]);

  useEffect(() => {
    if (!container) return undefined;
    const controller = new AbortController();
    const widget = mount(container, latest, controller.signal, setState);
    current.current = widget;
    return () => {
      current.current = undefined;
      // Aborting is destroy(): with StrictMode's second mount, the first widget is gone before it loads.
      controller.abort();
      setState({ status: 'destroyed' });
    };
    // `src` and `origin` as strings, so a new URL object or array with the same value keeps the widget.
  }, [container, src, origin, contract]);

  return { ref: setContainer, status: state.status, error: state.error, remote, widget: state.widget };
}

/** Mounts one widget and reports on it through `setState`; `undefined` if the options are refused. */
function mount<C extends Contract>(
  container: Element,
  latest: { readonly current: UseWidgetOptions<C> },
  signal: AbortSignal,
  setState: (state: State<C>) => void,
): Widget<C> | undefined {
  const { methods, ...rest } = latest.current;
  // `onConnect` is this hook's, not mountWidget's, which refuses keys it does not know.
  Reflect.deleteProperty(rest, 'onConnect');
  let widget: Widget<C>;
  try {
    widget = mountWidget<C>({ ...rest, methods: methods && forwardingMethods<C>(methods, latest), container, signal });
  } catch (error) {
    setState({ status: 'failed', error: error as FrameportError });
    return undefined;
  }
  setState({ status: 'connecting', widget });
  widget.on('connect', (event) => {
    setState({ status: 'connected', widget });
    latest.current.onConnect?.(widget.remote, event);
  });
  // A destroy is reported by the effect's cleanup; only a guest that went away is news here.
  widget.on('disconnect', ({ code }) => {
    if (code === 'DISCONNECTED') setState({ status: 'disconnected', widget });
  });
  widget.on('error', (error) => setState({ status: 'failed', error, widget }));
  return widget;
}

/** Handlers that call the latest render's `methods`, so a re-render with new closures needs no remount. */
function forwardingMethods<C extends Contract>(
  methods: SideHandlers<C, 'host'>,
  latest: { readonly current: UseWidgetOptions<C> },
): SideHandlers<C, 'host'> {
  const forwarding: Record<string, Handler> = {};
  for (const name of Object.keys(methods)) {
    forwarding[name] = (input) => {
      const handler = (latest.current.methods as Record<string, Handler> | undefined)?.[name];
      if (!handler) throw new FrameportError('METHOD_NOT_FOUND', `methods.${name} is no longer given`);
      return handler(input);
    };
  }
  return forwarding as SideHandlers<C, 'host'>;
}

/** The guest's methods, calling whichever widget is mounted when the call is made. */
function forwardingRemote<C extends Contract>(
  contract: Contract | undefined,
  current: { readonly current: Widget<C> | undefined },
): Remote<C['guest']> {
  const remote: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of Object.keys(contract?.guest ?? {})) {
    remote[name] = (input) => {
      const method = (current.current?.remote as Record<string, (input?: unknown) => Promise<unknown>> | undefined)?.[name];
      return method
        ? method(input)
        : Promise.reject(new FrameportError('DISCONNECTED', 'no widget is mounted: its container is not rendered'));
    };
  }
  return remote as Remote<C['guest']>;
}
