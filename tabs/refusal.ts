/** Why a message from another tab was dropped. */
export type TabRefusedReason =
  | 'shape' // not a message of this protocol
  | 'topic' // a topic the channel does not declare, or of the other kind
  | 'value' // fails the topic's schema, is not plain data, or has an own `__proto__` key
  | 'size' // over `maxBytes`
  | 'rate'; // its sender, or all senders together, over the rate limit

export interface TabRefusal {
  reason: TabRefusedReason;
  /** What was wrong, in words; never the refused value itself. */
  message: string;
  /** The topic, when it is one the channel declares. */
  topic?: string;
}
