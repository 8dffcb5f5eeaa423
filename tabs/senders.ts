import { createBucket as bucket } from '../shared/rateLimit.ts';
import type { Rate } from './options.ts';

/** Buckets kept at once; past that they start over (a sender minting ids fills them fast). */
const maxSenders = 64;
/** What all senders together may send, in multiples of one sender's allowance. */
const channelShare = 10;

/**
 * `allowed(sender)` is false when the sender is over its rate, or when every sender together is
 * over ten times that. Ids are whatever the message says, so a hostile tab can mint new ones for
 * fresh buckets: the channel-wide bucket is what bounds it. A sender is charged its own bucket
 * first, so one flooding id exhausts only its own and leaves the channel's budget to the others.
 */
export function createSenderLimits({ burst, perSecond }: Rate): (sender: string) => boolean {
  const buckets = new Map<string, () => boolean>();
  const channel = bucket(burst * channelShare, perSecond * channelShare);
  return (sender) => {
    let take = buckets.get(sender);
    if (!take) {
      if (buckets.size >= maxSenders) buckets.clear();
      buckets.set(sender, (take = bucket(burst, perSecond)));
    }
    return take() && channel();
  };
}
