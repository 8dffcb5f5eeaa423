/**
 * What the guest reports for auto-resize (`autoResize` in `connectToHost`). The height is
 * always reported; the width only when asked, since most widgets take their container's width.
 *
 * @example
 * ```ts
 * import { connectToHost, type ResizeOptions } from 'frameport/guest';
 *
 * // A badge that is as wide as its content.
 * const autoResize: ResizeOptions = { width: true };
 * await connectToHost({ allowedOrigins: ['https://shop.example'], autoResize });
 * ```
 */
export interface ResizeOptions {
  /** Report the width as well as the height. */
  width?: boolean;
}

export interface SizeWatcher {
  /** Forget what was sent, so a new connection gets the current size at once. */
  resend(): void;
  stop(): void;
}

interface Size {
  height: number;
  width: number;
}

/**
 * The content size in whole CSS pixels, rounded up: a fractional size rounded down leaves a
 * 1 px scrollbar. Height: the root's box follows in-flow content both ways, and `scrollHeight`
 * adds what overflows a root fixed at 100%. Width: the root is always as wide as the viewport,
 * so the body's margin box decides, unless content overflows sideways.
 */
function measure(): Size {
  const root = document.documentElement;
  const body = document.body;
  const overflowsY = root.scrollHeight > root.clientHeight;
  const overflowsX = root.scrollWidth > root.clientWidth;
  const bodyRight = body ? body.getBoundingClientRect().right + parseFloat(getComputedStyle(body).marginRight) : 0;
  return {
    height: Math.ceil(Math.max(root.getBoundingClientRect().height, overflowsY ? root.scrollHeight : 0)),
    width: Math.ceil(Math.max(bodyRight, overflowsX ? root.scrollWidth : 0)),
  };
}

/**
 * One dimension's report, guarded against feedback loops. Content sized in `vh` or `%` of the
 * viewport grows whenever the host grows the frame, by about as much as the frame grew, and
 * then asks for more. A measurement "tracks the viewport" when the viewport has just grown to
 * the size we asked for and the content grew with it past that size. Once may be chance (the
 * content changed as the frame caught up with our last report); twice in a row is a loop, and
 * the size is held at what we sent until the viewport or the content's own size changes. The
 * layout change a resize causes is observed again a frame later, so the hold must outlast one
 * measurement.
 */
class Axis {
  sent: number | undefined;
  #viewport: number;
  #raw: number | undefined;
  #streak = 0;
  #held: { viewport: number; raw: number } | undefined;

  constructor(viewport: number) {
    this.#viewport = viewport;
  }

  next(raw: number, viewport: number): number {
    const viewportGrowth = viewport - this.#viewport;
    const contentGrowth = this.#raw === undefined ? 0 : raw - this.#raw;
    this.#viewport = viewport;
    this.#raw = raw;
    if (this.#held && (this.#held.viewport !== viewport || this.#held.raw !== raw)) this.#held = undefined;
    const tracks =
      this.sent !== undefined &&
      viewport === this.sent &&
      raw > this.sent &&
      viewportGrowth > 0 &&
      contentGrowth > 0 &&
      contentGrowth <= 2 * viewportGrowth;
    if (tracks) this.#streak += 1;
    else if (viewportGrowth !== 0 || contentGrowth !== 0) this.#streak = 0;
    if (tracks && this.#streak >= 2) this.#held = { viewport, raw };
    return this.#held && this.sent !== undefined ? this.sent : raw;
  }
}

/** Reports the content size to the host, at most once per animation frame and only when it changed. */
export function watchSize(send: (size: { height: number; width?: number }) => void, { width = false }: ResizeOptions): SizeWatcher {
  const heightAxis = new Axis(window.innerHeight);
  const widthAxis = new Axis(window.innerWidth);
  let frame: number | undefined;

  const report = (): void => {
    frame = undefined;
    const raw = measure();
    const height = heightAxis.next(raw.height, window.innerHeight);
    const reportedWidth = width ? widthAxis.next(raw.width, window.innerWidth) : undefined;
    if (height === heightAxis.sent && reportedWidth === widthAxis.sent) return;
    heightAxis.sent = height;
    widthAxis.sent = reportedWidth;
    send(reportedWidth === undefined ? { height } : { height, width: reportedWidth });
  };
  const schedule = (): void => {
    frame ??= requestAnimationFrame(report);
  };

  // Layout changes (DOM, styles, <details>, images with no set size) resize the root or body.
  const resizes = new ResizeObserver(schedule);
  resizes.observe(document.documentElement);
  if (document.body) resizes.observe(document.body);
  // Content that overflows without resizing them (positioned elements) changes the DOM first.
  const mutations = new MutationObserver(schedule);
  mutations.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  // Images and fonts that load late; `load` does not bubble, so listen in the capture phase.
  document.addEventListener('load', schedule, true);
  document.fonts?.addEventListener('loadingdone', schedule);
  window.addEventListener('resize', schedule);
  schedule();

  return {
    resend() {
      heightAxis.sent = undefined;
      widthAxis.sent = undefined;
      schedule();
    },
    stop() {
      if (frame !== undefined) cancelAnimationFrame(frame);
      resizes.disconnect();
      mutations.disconnect();
      document.removeEventListener('load', schedule, true);
      document.fonts?.removeEventListener('loadingdone', schedule);
      window.removeEventListener('resize', schedule);
    },
  };
}
