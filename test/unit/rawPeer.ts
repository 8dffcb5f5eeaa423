/**
 * A peer that speaks the port protocol by hand, as a hostile widget would: it runs penpal's
 * handshake and then sends whatever a test wants.
 */
export interface RawPeer {
  inbox: unknown[];
  send(message: unknown, transfer?: Transferable[]): void;
  /** Waits for the reply to `id` (an error reply's `value` is a frameport wire error). */
  reply(id: string): Promise<{ isError?: boolean; value: unknown }>;
}

export async function until(check: () => boolean, what: string, rounds = 2000): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function isReply(message: unknown, id: string): message is { type: 'REPLY'; callId: string; isError?: boolean; value: unknown } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'REPLY' &&
    (message as { callId?: unknown }).callId === id
  );
}

export async function rawPeer(port: MessagePort): Promise<RawPeer> {
  const inbox: unknown[] = [];
  port.addEventListener('message', (event) => inbox.push((event as MessageEvent).data));
  port.start();
  const send = (message: unknown, transfer: Transferable[] = []): void => port.postMessage(message, transfer);
  // penpal's handshake: a SYN whose id "0" sorts below any UUID makes the real side the leader,
  // which answers with ACK1; our ACK2 completes it there.
  send({ namespace: 'penpal', type: 'SYN', participantId: '0' });
  await until(() => inbox.some((message) => (message as { type?: unknown }).type === 'ACK1'), 'ACK1');
  send({ namespace: 'penpal', type: 'ACK2' });
  return {
    inbox,
    send,
    async reply(id) {
      await until(() => inbox.some((message) => isReply(message, id)), `the reply to ${id}`);
      const found = inbox.find((message) => isReply(message, id)) as { isError?: boolean; value: unknown };
      return found;
    },
  };
}

export function call(id: string, method: unknown, args: unknown[] = [{}]): Record<string, unknown> {
  return { namespace: 'penpal', type: 'CALL', id, methodPath: [method], args };
}
