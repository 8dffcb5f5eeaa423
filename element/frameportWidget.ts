import type { Contract, Remote, SideHandlers } from '../shared/contract.ts';
import { FrameportError } from '../shared/errors.ts';
import type { LinkEvents } from '../shared/link.ts';
import { mountWidget, type HostEvents, type MountOptions, type Widget } from '../host/mountWidget.ts';

/**
 * The element's DOM events: each a `CustomEvent` whose `detail` is the widget event's payload.
 * They do not bubble: listen on the element itself.
 *
 * @example
 * ```ts
 * import 'frameport/element';
 * import type { FrameportWidgetEventMap } from 'frameport/element';
 *
 * const element = document.querySelector('frameport-widget')!;
 * const onRefused = (event: FrameportWidgetEventMap['refused']) => console.warn('refused', event.detail.reason);
 * element.addEventListener('refused', onRefused);
 * element.addEventListener('error', (event) => console.error(event.detail.code, event.detail.message));
 * ```
 */
export interface FrameportWidgetEventMap {
  /** The first connection is up (`widget.ready` resolved); `detail` is `undefined`. */
  ready: CustomEvent<undefined>;
  /** The guest connected (again, after a reload or a move); `detail.origin` is the origin it answered from. */
  connect: CustomEvent<LinkEvents['connect']>;
  /** The guest went away, or the widget was destroyed; `detail.code` says which. */
  disconnect: CustomEvent<LinkEvents['disconnect']>;
  /** A message was refused; `detail` is the {@link frameport!Refusal}, never the payload. */
  refused: CustomEvent<LinkEvents['refused']>;
  /** The frame took a new size from the guest's report. */
  resize: CustomEvent<HostEvents['resize']>;
  /** The handshake timed out, or the attributes and properties cannot make a widget. */
  error: CustomEvent<FrameportError>;
}

/**
 * Everything `mountWidget` takes that is not an attribute of the element (and not `container`):
 * what `element.options` and `connect()` take. `signal` is left out because the element's place
 * in the document is its lifetime.
 *
 * @example
 * ```ts
 * import 'frameport/element';
 * import type { FrameportWidgetOptions } from 'frameport/element';
 *
 * const options: FrameportWidgetOptions = { sandbox: ['allow-scripts', 'allow-same-origin'], rateLimit: { burst: 20 }, autoResize: { maxHeight: 600 } };
 * document.querySelector('frameport-widget')!.options = options;
 * ```
 */
export type FrameportWidgetOptions<C extends Contract = Contract> = Omit<
  MountOptions<C>,
  'container' | 'src' | 'title' | 'origin' | 'allow' | 'signal'
>;

const forwarded = ['connect', 'disconnect', 'refused', 'resize', 'error'] as const;

// Importing on a server must not throw: there is no HTMLElement to extend there, and nothing
// is defined (see index.ts), so this stand-in is never constructed.
const Base = (typeof HTMLElement === 'undefined' ? Object : HTMLElement) as typeof HTMLElement;

const words = (value: string | null): string[] => (value ?? '').split(/[\s,;]+/).filter(Boolean);

/**
 * `<frameport-widget src title origin allow>`: `mountWidget` as an element. It mounts in the
 * microtask after it is connected (so properties set in the same task count) or at once on
 * `connect()`; removing it destroys the widget; removing and re-appending it in the same task
 * keeps the widget, whose frame reloads and reconnects; `moveBefore` keeps even the frame.
 *
 * Changing an attribute remounts. Options that cannot make a widget are reported as an `error`
 * event (a `FrameportError`, e.g. `INVALID_OPTIONS` or `UNSAFE_SANDBOX`), not thrown, since no
 * code of yours is on the stack when the element mounts; `connect()` throws them instead.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { defineContract } from 'frameport';
 * import 'frameport/element';
 *
 * const payContract = defineContract({
 *   host: { paid: { input: z.object({ orderId: z.string() }) } },
 *   guest: { setAmount: { input: z.object({ amount: z.number() }) } },
 * });
 * const element = document.createElement('frameport-widget');
 * element.setAttribute('src', 'https://pay.example/widget');
 * element.setAttribute('title', 'Card payment');
 * element.setAttribute('allow', 'payment');
 * // Properties first, then append: the element mounts in the microtask after it is connected.
 * element.contract = payContract;
 * element.methods = { paid: ({ orderId }) => console.log('paid', orderId) };
 * element.addEventListener('connect', () => void element.remote?.setAmount({ amount: 42 }));
 * document.body.append(element);
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below only adds typed overloads of addEventListener
export class FrameportWidgetElement extends Base {
  /** The attributes whose change remounts the widget (read by the browser). */
  static readonly observedAttributes = ['src', 'title', 'origin', 'allow'];

  #options: FrameportWidgetOptions = {};
  #widget: Widget<Contract> | undefined;
  #scheduled = false;

  constructor() {
    super();
    // Properties set on the element before its definition loaded shadow our accessors: take them over.
    for (const name of ['contract', 'methods', 'options'] as const) {
      if (!Object.hasOwn(this, name)) continue;
      const value: unknown = this[name];
      Reflect.deleteProperty(this, name);
      (this as Record<typeof name, unknown>)[name] = value;
    }
  }

  /** The shared contract; set it before the element connects, or pass it to `connect()`. */
  get contract(): Contract | undefined {
    return this.#options.contract;
  }
  /** Sets the contract for the next mount; a mounted widget keeps its own until it remounts. */
  set contract(value: Contract | undefined) {
    this.#options = { ...this.#options, contract: value };
  }

  /** The host's handlers for `contract.host`. */
  get methods(): FrameportWidgetOptions['methods'] {
    return this.#options.methods;
  }
  // Looser than the getter: handlers typed for a specific contract are assignable here;
  // `mountWidget` checks them against the contract when the element mounts.
  /** Sets the host's handlers for the next mount; checked against the contract then (`INVALID_OPTIONS`). */
  set methods(value: Record<string, (input: never) => unknown> | undefined) {
    this.#options = { ...this.#options, methods: value as FrameportWidgetOptions['methods'] };
  }

  /** Every other `mountWidget` option (`sandbox`, `rateLimit`, `autoResize`, ...). */
  get options(): FrameportWidgetOptions {
    return this.#options;
  }
  /** Replaces every other option for the next mount (a copy is kept). */
  set options(value: FrameportWidgetOptions) {
    this.#options = { ...value };
  }

  /** The widget mounted now, if any. */
  get widget(): Widget<Contract> | undefined {
    return this.#widget;
  }

  /** The guest's methods while a widget is mounted; a call outlives removal only to reject with `DESTROYED`. */
  get remote(): Remote<Contract['guest']> | undefined {
    return this.#widget?.remote;
  }

  /**
   * Mounts now (again, if mounted) with these options added to the element's, typed from the
   * contract. Throws what `mountWidget` throws; `undefined` while the element is not in a document.
   */
  connect<C extends Contract>(options: FrameportWidgetOptions<C> & { methods?: SideHandlers<C, 'host'> } = {}): Widget<C> | undefined {
    this.#options = { ...this.#options, ...(options as FrameportWidgetOptions) };
    this.#unmount();
    return this.isConnected ? (this.#mount() as Widget<C> | undefined) : undefined;
  }

  /** Called by the browser when the element is inserted: mounts in the next microtask. */
  connectedCallback(): void {
    // Re-appended in the same task as its removal: the widget is still here and reconnects by itself.
    if (!this.#widget) this.#schedule();
  }

  /** Called by the browser when the element is removed: destroys the widget unless it was re-inserted in the same task. */
  disconnectedCallback(): void {
    // A move is a removal then an insertion in one task: wait until the task's microtasks to tell.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  // Defining it makes `moveBefore` keep the element (and its frame, and its connection) as it is.
  /** Called by the browser on `moveBefore`: the widget, its frame and its connection stay as they are. */
  connectedMoveCallback(): void {}

  /** Called by the browser when `src`, `title`, `origin` or `allow` changes: remounts with the new value. */
  attributeChangedCallback(_name: string, previous: string | null, value: string | null): void {
    if (previous !== value && this.isConnected) {
      this.#unmount();
      this.#schedule();
    }
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected && !this.#widget) this.#tryMount();
    });
  }

  #tryMount(): void {
    try {
      this.#mount();
    } catch (error) {
      this.#emit('error', error instanceof FrameportError ? error : new FrameportError('INVALID_OPTIONS', String(error)));
    }
  }

  #mount(): Widget<Contract> | undefined {
    const src = this.getAttribute('src');
    const title = this.getAttribute('title');
    // Not configured yet: an element written before its attributes are known waits for them.
    if (!src || !title) return undefined;
    const origins = words(this.getAttribute('origin'));
    const widget = mountWidget({
      ...this.#options,
      container: this,
      src,
      title,
      ...(origins.length ? { origin: origins } : {}),
      ...(this.hasAttribute('allow') ? { allow: words(this.getAttribute('allow')) } : {}),
    });
    this.#widget = widget;
    for (const name of forwarded) widget.on(name, (detail) => this.#emit(name, detail));
    widget.ready.then(
      () => {
        if (this.#widget === widget) this.#emit('ready', undefined);
      },
      // A timeout is reported as `error` by the widget itself; a destroy needs no event.
      () => undefined,
    );
    return widget;
  }

  #unmount(): void {
    const widget = this.#widget;
    this.#widget = undefined;
    widget?.destroy();
  }

  #emit<K extends keyof FrameportWidgetEventMap>(name: K, detail: FrameportWidgetEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}

// Typed listeners for the element's own events (declaration merging adds these overloads).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- overloads only, implemented by HTMLElement
export interface FrameportWidgetElement {
  /** Listens to one of the element's events, typed from {@link FrameportWidgetEventMap}. */
  addEventListener<K extends keyof FrameportWidgetEventMap>(
    type: K,
    listener: (this: FrameportWidgetElement, event: FrameportWidgetEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  /** Any other DOM event, as on every element. */
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  /** Removes a listener added for one of the element's events. */
  removeEventListener<K extends keyof FrameportWidgetEventMap>(
    type: K,
    listener: (this: FrameportWidgetElement, event: FrameportWidgetEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  /** Any other DOM event, as on every element. */
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'frameport-widget': FrameportWidgetElement;
  }
}
