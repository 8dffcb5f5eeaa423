import { FrameportError } from '../shared/errors.ts';
import { checkKeys } from '../shared/options.ts';

/**
 * The limits within which the host sizes the iframe to what the guest reports (`autoResize` in
 * `mountWidget`). A widget cannot make its frame larger than `maxHeight`, however it lies about
 * its content; a report that is not a finite, non-negative number is refused (reason `size`).
 *
 * @throws `FrameportError` `INVALID_OPTIONS` for an unknown key, a bound that is not a finite
 * number of pixels, 0 or more, or a minimum above its maximum.
 *
 * @example
 * ```ts
 * import { mountWidget, type AutoResizeOptions } from 'frameport/host';
 *
 * const autoResize: AutoResizeOptions = { minHeight: 120, maxHeight: 900 };
 * mountWidget({ container: document.body, src: 'https://reviews.example/', title: 'Reviews', autoResize });
 * ```
 */
export interface AutoResizeOptions {
  /** Bounds in CSS pixels for the height the guest asks for. Defaults 0 and 10 000. */
  minHeight?: number;
  /** The largest height in CSS pixels the frame takes, whatever the guest reports. Default 10 000. */
  maxHeight?: number;
  /** Bounds for the width, applied only if the guest reports one (`autoResize: { width: true }` there). */
  minWidth?: number;
  /** The largest width in CSS pixels, when the guest reports one. Default 10 000. */
  maxWidth?: number;
}

/**
 * The size the iframe took, in CSS pixels, after the limits: the payload of the host's `resize`
 * event. Use it to lay out around the widget (a sticky footer, a scroll into view).
 *
 * @example
 * ```ts
 * import { mountWidget, type AppliedSize } from 'frameport/host';
 *
 * const widget = mountWidget({ container: document.body, src: 'https://reviews.example/', title: 'Reviews' });
 * widget.on('resize', ({ height, width }: AppliedSize) => {
 *   document.documentElement.style.setProperty('--reviews-height', `${height}px`);
 *   if (width !== undefined) console.debug('reviews width', width);
 * });
 * ```
 */
export interface AppliedSize {
  /** The frame's new height. */
  height: number;
  /** The frame's new width, only when the guest reports its width. */
  width?: number;
}

type Limits = Required<AutoResizeOptions>;

export function resizeOption(value: unknown): Limits | undefined {
  if (value === false) return undefined;
  const given = (value === undefined || value === true ? {} : value) as AutoResizeOptions;
  if (typeof given !== 'object' || given === null) {
    throw new FrameportError('INVALID_OPTIONS', 'autoResize must be false, true or { minHeight, maxHeight, minWidth, maxWidth }');
  }
  const defaults: Limits = { minHeight: 0, maxHeight: 10_000, minWidth: 0, maxWidth: 10_000 };
  const limits: Limits = { ...defaults, ...checkKeys(given, Object.keys(defaults), 'autoResize') };
  for (const [name, bound] of Object.entries(limits)) {
    if (typeof bound !== 'number' || !(bound >= 0) || bound === Infinity) {
      throw new FrameportError('INVALID_OPTIONS', `autoResize.${name} must be a finite number of pixels, 0 or more`);
    }
  }
  if (limits.minHeight > limits.maxHeight || limits.minWidth > limits.maxWidth) {
    throw new FrameportError('INVALID_OPTIONS', 'autoResize: a minimum is above its maximum');
  }
  return limits;
}

/**
 * Applies the guest's latest reported size once per animation frame, within the limits, and
 * calls `onResize` when the frame's size actually changed. Returns the teardown.
 */
export function createResizer(
  iframe: HTMLIFrameElement,
  limits: Limits,
  onResize: (size: AppliedSize) => void,
): {
  request(size: AppliedSize): void;
  stop(): void;
} {
  let wanted: AppliedSize | undefined;
  let applied: AppliedSize = { height: -1 };
  let frame: number | undefined;
  const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

  const apply = (): void => {
    frame = undefined;
    if (!wanted) return;
    const height = clamp(wanted.height, limits.minHeight, limits.maxHeight);
    const width = wanted.width === undefined ? undefined : clamp(wanted.width, limits.minWidth, limits.maxWidth);
    if (height === applied.height && width === applied.width) return;
    iframe.style.height = `${height}px`;
    if (width !== undefined) iframe.style.width = `${width}px`;
    applied = width === undefined ? { height } : { height, width };
    onResize(applied);
  };

  return {
    request(size) {
      wanted = size;
      frame ??= requestAnimationFrame(apply);
    },
    stop() {
      if (frame !== undefined) cancelAnimationFrame(frame);
    },
  };
}
