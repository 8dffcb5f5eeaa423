import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from './connection.ts';
import { defineContract } from './contract.ts';
import { createSession } from './session.ts';

const { guest } = defineContract({ host: {}, guest: { ping: { input: z.undefined() } } });

function fakeConnection(answer: unknown): Connection {
  return {
    ready: Promise.resolve(),
    call: async () => answer,
    sendControl: () => undefined,
    close: () => undefined,
  };
}

describe('session', () => {
  it('holds calls made before a connection and runs them once one is attached', async () => {
    const session = createSession(guest, 1000);
    const early = session.remote.ping?.();
    session.attach(fakeConnection('pong'));
    await expect(early).resolves.toBe('pong');
  });

  it('times out a call that waits for a connection that never comes', async () => {
    const session = createSession(guest, 20);
    await expect(session.remote.ping?.()).rejects.toMatchObject({ code: 'CALL_TIMEOUT' });
  });

  it('rejects waiting and later calls with DESTROYED', async () => {
    const session = createSession(guest, undefined);
    const waiting = session.remote.ping?.();
    session.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 'DESTROYED' });
    await expect(session.remote.ping?.()).rejects.toMatchObject({ code: 'DESTROYED' });
  });

  it('offers only the declared methods, on an object with no prototype', () => {
    const session = createSession(guest, undefined);
    expect(Object.keys(session.remote)).toEqual(['ping']);
    expect(Object.getPrototypeOf(session.remote)).toBeNull();
  });
});
