/** The one message the page posts to a dedicated worker: it carries the link's port. */
export const connectMessage = Object.freeze({ frameport: 'frameport/1', type: 'connect-worker' });

export const isConnectMessage = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  (data as { frameport?: unknown }).frameport === connectMessage.frameport &&
  (data as { type?: unknown }).type === connectMessage.type;
