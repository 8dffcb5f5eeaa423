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
  return ({ type, data }, [port, ...extra]) => {
    if (type !== 'share') return false;
    for (const each of extra) each.close();
    const answer = (outcome: ShareOutcome | { name: string; message: string }): true => {
      port?.postMessage(outcome);
      port?.close();
      return true;
    };
    // Counted like any refused call: a widget that asks in a loop meets the flood breaker.
    const no = (reason: ShareRefusal, message: string): true => {
      refuse({ reason: 'input', code: 'INVALID_INPUT', message: `share(): ${message}` });
      return answer(refused(reason, message));
    };
    const checked = mode === 'delegate' ? checkShare(data) : 'not delegated';
    const now = performance.now();
    // No reply port, no share: every share the host makes is answered.
    if (!port) return no('failed', 'no reply port');
    if (typeof checked === 'string') return no(mode === 'delegate' ? 'invalid-data' : 'not-allowed', checked);
    if (!navigator.userActivation?.isActive || now - sharedAt < activationLifespan) return no('no-activation', 'one share per click');
    if (!navigator.share) return answer({ outcome: 'unsupported' });
    sharedAt = now;
    // Taken: the widget stops waiting for a host that may not know delegation, and waits for the sheet.
    port.postMessage({ started: true });
    // Through a promise: a share() that throws instead of rejecting is answered too.
    new Promise((resolve) => resolve(navigator.share(checked))).then(
      () => answer({ outcome: 'shared' }),
      (error: { name?: unknown; message?: unknown } | null) => answer({ name: String(error?.name), message: String(error?.message) }),
    );
    return true;
  };
}
