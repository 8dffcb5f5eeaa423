import { FrameportError } from '../shared/errors.ts';
import type { PortPolicy } from '../shared/guard.ts';
import { checkShare, refused, type ShareOutcome, type ShareRefusal } from '../shared/shareData.ts';
import type { Refusal } from '../shared/stats.ts';

/** What a widget may do about sharing: share itself (`allow`), ask the host (`delegate`), or neither. */
export type ShareMode = 'allow' | 'delegate' | false;

export function shareOption(value: unknown): ShareMode {
  if (value === undefined || value === false || value === 'allow' || value === 'delegate') return value ?? false;
  throw new FrameportError('INVALID_OPTIONS', "share: 'allow', 'delegate' or false");
}

// Chromium's transient activation lasts 5 s. A share() that does not consume it (an older
// browser, a stub) would let one click share twice: the host keeps its own count.
const activationLifespan = 5000;

/**
 * Answers a widget's share requests (a `share` notice with one reply port). Only with
 * `delegate` does the host share, after its own checks: the data, its own user activation (a
 * click in the widget activates the host too), one share per activation. Every request gets
 * one answer, so the widget's `share()` settles; a rejection of `navigator.share` goes back as
 * its name and message, for the widget to read.
 */
export function answerShares(mode: ShareMode, refuse: (refusal: Refusal) => void): NonNullable<PortPolicy['notice']> {
  let sharedAt = -activationLifespan;
  return (notice, ports) => {
    if (notice.type !== 'share') return false;
    const [port, ...extra] = ports;
    for (const each of extra) each.close();
    const answer = (outcome: ShareOutcome | { name: string; message: string }): void => {
      port?.postMessage(outcome);
      port?.close();
    };
    const checked = mode === 'delegate' ? checkShare(notice.data) : 'not delegated';
    const now = performance.now();
    // No reply port, no share: every share the host makes is answered.
    const refusal: [ShareRefusal, string] | undefined = !port
      ? ['failed', 'no reply port']
      : typeof checked === 'string'
        ? [mode === 'delegate' ? 'invalid-data' : 'not-allowed', checked]
        : !navigator.userActivation?.isActive || now - sharedAt < activationLifespan
          ? ['no-activation', 'one share per click']
          : undefined;
    if (refusal) {
      // Counted like any refused call: a widget that asks in a loop meets the flood breaker.
      refuse({ reason: 'input', code: 'INVALID_INPUT', message: `share(): ${refusal[1]}` });
      answer(refused(...refusal));
    } else if (typeof navigator.share !== 'function') answer({ outcome: 'unsupported' });
    else {
      sharedAt = now;
      // Taken: the widget stops waiting for a host that may not know delegation, and waits for the sheet.
      port?.postMessage({ started: true });
      new Promise((resolve) => resolve(navigator.share(checked as ShareData))).then(
        () => answer({ outcome: 'shared' }),
        (error: { name?: unknown; message?: unknown } | null) => answer({ name: String(error?.name), message: String(error?.message) }),
      );
    }
    return true;
  };
}
