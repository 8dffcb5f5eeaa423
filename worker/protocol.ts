/** The one message the page posts to a dedicated worker: it carries the link's port. */
export const connectMessage = Object.freeze({ frameport: 'frameport/1', type: 'connect-worker' });

export const isConnectMessage = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  (data as { frameport?: unknown }).frameport === connectMessage.frameport &&
  (data as { type?: unknown }).type === connectMessage.type;

/**
 * A tab's request to join a shared worker hub: its connection id, with the port of its link.
 * Ids name Web Locks and travel on a BroadcastChannel in the fallback: a short, plain charset.
 */
export const hubConnect = (id: string): { frameport: string; type: string; id: string } => ({
  frameport: connectMessage.frameport,
  type: 'connect-hub',
  id,
});

export const isConnectionId = (value: unknown): value is string => typeof value === 'string' && /^[\w-]{8,64}$/.test(value);

/** The id a hub connection's `connect-hub` message carries, if that is what `data` is. */
export function hubConnectId(data: unknown): string | undefined {
  const { frameport, type, id } = ((typeof data === 'object' && data) || {}) as Record<string, unknown>;
  return frameport === connectMessage.frameport && type === 'connect-hub' && isConnectionId(id) ? id : undefined;
}
