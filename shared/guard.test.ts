import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, rawPeer, until } from '../test/unit/rawPeer.ts';
import { contract, hostSide, type Side } from '../test/unit/fixtures.ts';
import { z } from 'zod';
import { connectPort } from './connectPort.ts';
import { defineContract } from './contract.ts';
import { FrameportError } from './errors.ts';
import { isMessagePort } from './transfer.ts';
import { valueProblem } from './valueCheck.ts';

let open: Side[] = [];
afterEach(() => {
  for (const side of open) side.link.destroy();
  open = [];
});

async function connected(rateLimit: Parameters<typeof hostSide>[1] = false, callTimeout?: number) {
  const { port1, port2 } = new MessageChannel();
  const host = hostSide(port1, rateLimit, callTimeout);
  open.push(host);
  const peer = await rawPeer(port2);
  await host.ready;
  return { host, peer };
}

const codeOf = (reply: { value: unknown }): unknown => (reply.value as { code?: unknown }).code;

describe('guard: incoming calls', () => {
  it('runs a declared method with parsed input and replies with its result', async () => {
    const { host, peer } = await connected();
    peer.send(call('c1', 'add', [{ a: 2, b: 3, extra: 'stripped' }]));
    expect(await peer.reply('c1')).toMatchObject({ value: 5 });
    expect(host.seen).toEqual([{ method: 'add', input: { a: 2, b: 3 } }]);
  });

  it('accepts zod/mini schemas as user schemas', async () => {
    const { peer } = await connected();
    peer.send(call('c1', 'scale', [{ x: 4 }]));
    expect(await peer.reply('c1')).toMatchObject({ value: 8 });
  });

  it.each(['nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
    'answers METHOD_NOT_FOUND for %s and never runs it',
    async (method) => {
      const { host, peer } = await connected();
      peer.send(call('c1', method));
      const reply = await peer.reply('c1');
      expect(reply.isError).toBe(true);
      expect(codeOf(reply)).toBe('METHOD_NOT_FOUND');
      expect(host.seen).toEqual([]);
      expect(host.refused).toMatchObject([{ reason: 'method', method }]);
    },
  );

  it('answers INVALID_INPUT for input that fails the schema, without echoing the values', async () => {
    const { host, peer } = await connected();
    peer.send(call('c1', 'add', [{ a: 'secret-value', b: 1 }]));
    const reply = await peer.reply('c1');
    expect(codeOf(reply)).toBe('INVALID_INPUT');
    expect(JSON.stringify(reply.value)).not.toContain('secret-value');
    expect(host.refused[0]?.message).not.toContain('secret-value');
    expect(host.seen).toEqual([]);
  });

  it('refuses an input carrying an own __proto__ key, even where the schema takes anything', async () => {
    const { host, peer } = await connected();
    peer.send(call('c1', 'echo', [JSON.parse('{"nested": {"__proto__": {"polluted": true}}}')]));
    expect(codeOf(await peer.reply('c1'))).toBe('INVALID_INPUT');
    expect(host.seen).toEqual([]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('closes a port that arrives with a refused call: a peer cannot make us hold channels', async () => {
    const { host, peer } = await connected();
    const { port1, port2 } = new MessageChannel();
    // Node, unlike browsers, tells a port that its other end closed.
    const closed = new Promise<void>((resolve) =>
      (port1 as unknown as { once(event: 'close', listener: () => void): void }).once('close', resolve),
    );
    peer.send(call('c1', 'add', [{ a: 1, b: 2, smuggled: port2 }]), [port2]);
    expect(codeOf(await peer.reply('c1'))).toBe('INVALID_INPUT');
    await closed;
    expect(host.refused).toMatchObject([{ reason: 'input', message: expect.stringContaining('port') }]);
  });

  it('refuses a call that comes before the handshake completed', async () => {
    const { port1, port2 } = new MessageChannel();
    const host = hostSide(port1);
    open.push(host);
    const replies: unknown[] = [];
    port2.onmessage = ({ data }) => replies.push(data);
    port2.postMessage(call('early', 'add', [{ a: 1, b: 1 }]));
    await until(() => replies.some((m) => (m as { callId?: string }).callId === 'early'), 'the reply');
    expect(replies.find((m) => (m as { callId?: string }).callId === 'early')).toMatchObject({
      isError: true,
      value: { code: 'INVALID_MESSAGE' },
    });
    expect(host.seen).toEqual([]);
    port2.close();
  });

  it('answers a malformed call that has an id with INVALID_MESSAGE', async () => {
    const { host, peer } = await connected();
    peer.send({ namespace: 'penpal', type: 'CALL', id: 'c1', methodPath: ['add', 'deeper'], args: [{}] });
    peer.send({ namespace: 'penpal', type: 'CALL', id: 'c2', methodPath: ['add'], args: [{ a: 1, b: 1 }, 'second'] });
    expect(codeOf(await peer.reply('c1'))).toBe('INVALID_MESSAGE');
    expect(codeOf(await peer.reply('c2'))).toBe('INVALID_MESSAGE');
    expect(host.refused.map((refusal) => refusal.reason)).toEqual(['shape', 'shape']);
  });

  it('refuses penpal handshake messages after the handshake: penpal never answers them', async () => {
    const { host, peer } = await connected();
    await until(() => peer.inbox.filter((message) => (message as { type?: unknown }).type === 'SYN').length >= 2, 'both SYNs');
    const before = peer.inbox.length;
    peer.send({ namespace: 'penpal', type: 'SYN', participantId: 'another' });
    peer.send({ namespace: 'penpal', type: 'ACK1', methodPaths: [] });
    peer.send({ namespace: 'penpal', type: 'ACK2' });
    peer.send(call('c1', 'add', [{ a: 1, b: 1 }]));
    await peer.reply('c1');
    expect(peer.inbox.slice(before).map((message) => (message as { type: string }).type)).toEqual(['REPLY']);
    expect(host.refused).toMatchObject([{ reason: 'shape' }, { reason: 'shape' }, { reason: 'shape' }]);
  });

  it('rate-limits before anything else and answers RATE_LIMITED; the link stays usable', async () => {
    // The bucket's clock stands still unless the test moves it, so the counts are exact.
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      // Five tokens: the peer's SYN and ACK2 spend two, three calls get through.
      const { host, peer } = await connected({ burst: 5, perSecond: 10 });
      for (let i = 0; i < 10; i += 1) peer.send(call(`c${i}`, 'add', [{ a: i, b: 0 }]));
      const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => peer.reply(`c${i}`)));
      expect(replies.filter((reply) => !reply.isError)).toHaveLength(3);
      expect(replies.filter((reply) => codeOf(reply) === 'RATE_LIMITED')).toHaveLength(7);
      expect(host.seen).toHaveLength(3);
      expect(host.refused.filter((refusal) => refusal.reason === 'rate')).toHaveLength(7);

      vi.advanceTimersByTime(100);
      peer.send(call('after', 'add', [{ a: 1, b: 1 }]));
      expect(await peer.reply('after')).toMatchObject({ value: 2 });
    } finally {
      vi.useRealTimers();
    }
  });
  it('drops the peer once refusals within a second pass disconnectAfter, answering each refused call until then', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      // Two tokens, spent on the peer's handshake: every call is refused.
      const { host, peer } = await connected({ burst: 2, perSecond: 1, disconnectAfter: 5, cooldown: 3000 });
      for (let i = 0; i < 10; i += 1) peer.send(call(`c${i}`, 'add', [{ a: i, b: 0 }]));
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => peer.reply(`c${i}`)));
      expect(replies.map(codeOf)).toEqual(Array(6).fill('RATE_LIMITED'));
      await until(() => host.floods.length === 1, 'the flood');
      // The port is closed: what the flooder queued behind is discarded unread.
      expect(host.link.current).toBeUndefined();
      expect(host.seen).toEqual([]);
      expect(host.link.coolUntil).toBe(performance.now() + 3000);
      expect(host.refused.at(-1)).toMatchObject({ reason: 'rate', message: expect.stringContaining('flooding') });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('guard: floods', () => {
  it('drops a flood of bogus replies too: they spend no tokens, but every refusal counts', async () => {
    const { host, peer } = await connected({ disconnectAfter: 50 });
    for (let i = 0; i < 60; i += 1) peer.send({ namespace: 'penpal', type: 'REPLY', callId: `nothing-${i}`, value: i });
    await until(() => host.floods.length === 1, 'the flood');
    expect(host.refused.filter((refusal) => refusal.reason === 'shape')).toHaveLength(51);
  });

  it('never reports a flood with the rate limit turned off', async () => {
    const { host, peer } = await connected(false);
    for (let i = 0; i < 1200; i += 1) peer.send({ namespace: 'penpal', type: 'REPLY', callId: `nothing-${i}`, value: i });
    await until(() => host.refused.length === 1200, 'the refusals');
    expect(host.floods).toHaveLength(0);
  });
});

describe('guard: replies to our calls', () => {
  async function pendingCall(method: 'status' | 'wait', timeout?: number) {
    const setup = await connected(false, timeout);
    const result = setup.host.remote[method]();
    await until(() => setup.peer.inbox.some((message) => (message as { type?: string }).type === 'CALL'), 'the CALL');
    const sent = setup.peer.inbox.find((message) => (message as { type?: string }).type === 'CALL') as { id: string };
    return { ...setup, result, id: sent.id };
  }

  it('checks a result against the output schema: INVALID_OUTPUT', async () => {
    const { host, peer, result, id } = await pendingCall('status');
    peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, value: { ok: 'yes' } });
    await expect(result).rejects.toMatchObject({ name: 'FrameportError', code: 'INVALID_OUTPUT' });
    expect(host.refused).toMatchObject([{ reason: 'output', method: 'status' }]);
  });

  it.each([
    ['status', 'whose output schema would keep it', { ok: true }],
    ['wait', 'that declares no output schema', {}],
  ] as const)(
    'refuses a result carrying a port, for a method %s %s, on a link that takes none, and closes it',
    async (method, _, value) => {
      const { host, peer, result, id } = await pendingCall(method);
      const { port1, port2 } = new MessageChannel();
      // Node, unlike browsers, tells a port that its other end closed.
      const closed = new Promise<void>((resolve) =>
        (port1 as unknown as { once(event: 'close', listener: () => void): void }).once('close', resolve),
      );
      peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, value: { ...value, port: port2 } }, [port2]);
      await expect(result).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringContaining('port') });
      await closed;
      expect(host.refused).toMatchObject([{ reason: 'output', method }]);
    },
  );

  it('settles a call whose reply is malformed with INVALID_MESSAGE', async () => {
    const { peer, result, id } = await pendingCall('status');
    peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, isError: 'not a boolean', value: 1 });
    await expect(result).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });

  it('refuses replies to calls it never made', async () => {
    const { host, peer } = await connected();
    peer.send({ namespace: 'penpal', type: 'REPLY', callId: 'never-sent', value: 1 });
    await until(() => host.refused.length > 0, 'the refusal');
    expect(host.refused).toMatchObject([{ reason: 'shape' }]);
  });

  it('times a silent call out with CALL_TIMEOUT and refuses the late reply', async () => {
    const { host, peer, result, id } = await pendingCall('wait', 30);
    await expect(result).rejects.toMatchObject({ code: 'CALL_TIMEOUT' });
    peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, value: 1 });
    await until(() => host.refused.length > 0, 'the refusal');
    expect(host.refused).toMatchObject([{ reason: 'shape', message: 'a reply to no call of ours' }]);
  });

  it('refuses input that cannot be cloned with INVALID_INPUT, and an earlier call keeps its own timeout', async () => {
    const { host, result } = await pendingCall('wait', 100);
    const uncloneable = host.remote.anything({ callback: () => undefined });
    await expect(uncloneable).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(result).rejects.toMatchObject({ code: 'CALL_TIMEOUT' });
  });

  it.each([
    'DISCONNECTED',
    'DESTROYED',
    'CALL_TIMEOUT',
    'HANDSHAKE_TIMEOUT',
    'INVALID_OUTPUT',
    'INVALID_OPTIONS',
    'UNSAFE_SANDBOX',
    'POPUP_CLOSED',
    // A grant's verdicts: a widget link has no grant at its other end.
    'REVOKED',
    'EXHAUSTED',
    'EXPIRED',
  ])('never takes %s from the wire: it is REMOTE_ERROR, with the claim kept apart, and the link stays up', async (claimed) => {
    const { host, peer, result, id } = await pendingCall('status');
    peer.send({
      namespace: 'penpal',
      type: 'REPLY',
      callId: id,
      isError: true,
      value: { frameport: 'frameport/1', code: claimed, message: 'fake' },
    });
    await expect(result).rejects.toMatchObject({ code: 'REMOTE_ERROR', remoteCode: claimed, message: 'fake' });
    expect(host.link.current).toBeDefined();
  });

  it.each(['INVALID_INPUT', 'METHOD_NOT_FOUND', 'RATE_LIMITED'])('keeps %s, the peer guard’s verdict on our call', async (code) => {
    const { peer, result, id } = await pendingCall('status');
    peer.send({
      namespace: 'penpal',
      type: 'REPLY',
      callId: id,
      isError: true,
      value: { frameport: 'frameport/1', code, message: 'refused' },
    });
    const error = (await result.catch((caught: unknown) => caught)) as { code: string; remoteCode?: string };
    expect(error.code).toBe(code);
    expect(error.remoteCode).toBeUndefined();
  });

  it('refuses a pong that answers no ping, and a resize report sent to a side that takes none', async () => {
    const { host, peer } = await connected();
    peer.send({ frameport: 'frameport/1', type: 'pong', seq: 1 });
    peer.send({ frameport: 'frameport/1', type: 'resize', height: 10 });
    await until(() => host.refused.length === 2, 'two refusals');
    expect(host.refused).toMatchObject([
      { reason: 'shape', message: 'a pong that answers no ping of ours' },
      { reason: 'shape', message: 'a resize report: only a widget sends those' },
    ]);
  });

  it('maps a remote error value to REMOTE_ERROR with a bounded message', async () => {
    const { peer, result, id } = await pendingCall('status');
    peer.send({
      namespace: 'penpal',
      type: 'REPLY',
      callId: id,
      isError: true,
      isSerializedErrorInstance: true,
      value: { name: 'Error', message: 'x'.repeat(10_000) },
    });
    const error = (await result.catch((caught: unknown) => caught)) as { code: string; message: string };
    expect(error.code).toBe('REMOTE_ERROR');
    expect(error.message.length).toBeLessThanOrEqual(500);
  });
});

describe('guard: fuzzing', () => {
  const names = fc.constantFrom('add', 'echo', 'scale', 'toString', '__proto__', 'constructor', 'nope', '');
  const plain = fc.anything({
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
  });
  /**
   * What structured clone carries that plain JSON-like values miss: binary, keyed collections,
   * depth (as deep as the sender's serializer goes), cycles, smuggled keys, and more values than
   * the value check's budget.
   */
  const value = fc.oneof(
    { weight: 6, arbitrary: plain },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.buffer) },
    {
      weight: 1,
      arbitrary: fc.tuple(plain, plain).map(
        ([key, entry]) =>
          new Map([
            [key, entry],
            ['__proto__', JSON.parse('{"__proto__":{"polluted":1}}')],
          ]),
      ),
    },
    { weight: 1, arbitrary: plain.map((entry) => new Set([entry, JSON.parse('{"a":{"__proto__":{"polluted":1}}}')])) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 2_000 }).map((depth) => deep(depth)) },
    { weight: 1, arbitrary: plain.map((entry) => cyclic(entry)) },
    { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 12_000 }).map((count) => Array.from({ length: count }, (_, n) => n)) },
  );
  const envelope = fc.record(
    {
      namespace: fc.constantFrom('penpal', 'penpal ', 'other'),
      frameport: fc.constantFrom('frameport/1', 'frameport/2'),
      type: fc.constantFrom('CALL', 'REPLY', 'SYN', 'ACK1', 'ACK2', 'ping', 'pong', 'resize', 'x'),
      id: fc.oneof(fc.string(), value),
      callId: fc.oneof(fc.string(), value),
      methodPath: fc.oneof(fc.array(names, { maxLength: 3 }), value),
      args: fc.oneof(
        fc.tuple(
          fc.record(
            { a: fc.oneof(fc.integer(), value), b: fc.oneof(fc.double(), value), x: fc.oneof(fc.double(), value) },
            { requiredKeys: [] },
          ),
        ),
        fc.array(value, { maxLength: 2 }),
        value,
      ),
      value,
      seq: fc.oneof(fc.integer(), value),
      participantId: fc.oneof(fc.string(), value),
    },
    { requiredKeys: [] },
  );
  const message = fc.oneof({ weight: 1, arbitrary: value }, { weight: 5, arbitrary: envelope });

  it('survives 10,000 generated messages: nothing throws, handlers see only valid input, every call is answered', async () => {
    const { host, peer } = await connected();
    const messages = fc.sample(message, { numRuns: 10_000, seed: 20261121 });
    const expected = new Set<string>();
    messages.forEach((generated, index) => {
      let sent = generated;
      if (
        typeof generated === 'object' &&
        generated !== null &&
        (generated as { type?: unknown }).type === 'CALL' &&
        typeof (generated as { id?: unknown }).id === 'string'
      ) {
        // Unique ids, so each call's one reply can be found.
        sent = { ...generated, id: `fuzz-${index}` };
        expected.add(`fuzz-${index}`);
      }
      peer.send(sent);
    });
    const answered = (): Set<string> =>
      new Set(peer.inbox.filter((m) => (m as { type?: unknown }).type === 'REPLY').map((m) => (m as { callId: string }).callId));
    await until(() => [...expected].every((id) => answered().has(id)), 'every call to be answered', 20_000);

    for (const { method, input } of host.seen) {
      const spec = contract.host[method as keyof typeof contract.host];
      expect(spec.input.safeParse(input).success, `${method} got ${String(input)}`).toBe(true);
    }
    // Still usable afterwards.
    peer.send(call('final', 'add', [{ a: 20, b: 1 }]));
    expect(await peer.reply('final')).toMatchObject({ value: 21 });
  }, 60_000);

  it('survives 5,000 generated replies and control messages: each of our calls settles once, with a checked value or a documented code', async () => {
    const { host, peer } = await connected(false, 20_000);
    const codes = new Set(['INVALID_OUTPUT', 'INVALID_MESSAGE', 'INVALID_INPUT', 'METHOD_NOT_FOUND', 'RATE_LIMITED', 'REMOTE_ERROR']);
    const settled: { method: string; outcome: 'value' | string; value?: unknown }[] = [];
    const track = (method: 'status' | 'anything', input?: unknown): void => {
      host.remote[method](input).then(
        (result) => settled.push({ method, outcome: 'value', value: result }),
        (error: { code: string }) => settled.push({ method, outcome: error.code }),
      );
    };
    for (let n = 0; n < 500; n += 1) track(n % 2 ? 'status' : 'anything', n);
    await until(() => peer.inbox.filter((m) => (m as { type?: unknown }).type === 'CALL').length === 500, 'our 500 calls');
    const ids = peer.inbox.filter((m) => (m as { type?: unknown }).type === 'CALL').map((m) => (m as { id: string }).id);
    const reply = fc.record(
      {
        namespace: fc.constantFrom('penpal', 'penpal ', 'other'),
        type: fc.constant('REPLY'),
        callId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.oneof(fc.string(), value) }),
        isError: fc.oneof(fc.boolean(), value),
        value: fc.oneof(
          value,
          fc.record({
            frameport: fc.constant('frameport/1'),
            code: fc.constantFrom('DISCONNECTED', 'CALL_TIMEOUT', 'INVALID_INPUT', 'x'),
            message: fc.string(),
          }),
        ),
      },
      { requiredKeys: ['type'] },
    );
    const control = fc.record(
      {
        frameport: fc.constantFrom('frameport/1', 'x'),
        type: fc.constantFrom('ping', 'pong', 'resize'),
        seq: fc.oneof(fc.integer(), value),
        height: fc.oneof(fc.double(), value),
        width: value,
      },
      { requiredKeys: ['type'] },
    );
    for (const generated of fc.sample(fc.oneof(reply, control), { numRuns: 5_000, seed: 20261122 })) peer.send(generated);
    // The peer then answers whatever is left properly, so every call has had its chance.
    for (const id of ids) peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, value: { ok: true } });
    await until(() => settled.length === 500, 'every call to settle', 20_000);

    for (const { method, outcome, value: result } of settled) {
      if (outcome !== 'value') expect(codes, `${method}: ${outcome}`).toContain(outcome);
      else if (method === 'status') expect(contract.guest.status.output.safeParse(result).success).toBe(true);
      else expect(valueProblem(result)).toBeUndefined();
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    peer.send(call('final', 'add', [{ a: 20, b: 1 }]));
    expect(await peer.reply('final')).toMatchObject({ value: 21 });
  }, 60_000);
});

describe('guard: ports in results, on a link that takes them', () => {
  const withPorts = defineContract({
    host: {},
    guest: {
      open: { input: z.undefined(), output: z.object({ port: z.custom<MessagePort>(isMessagePort) }) },
      bare: { input: z.undefined() },
    },
  });

  it('takes a port its output schema declares, and refuses (and closes) one from a method without an output schema', async () => {
    const { port1, port2 } = new MessageChannel();
    const link = await connectPort(port1, { contract: withPorts, as: 'host', heartbeatInterval: 60_000 });
    try {
      const peer = await rawPeer(port2);
      await link.ready;
      const answer = async (method: string, value: unknown, transfer: Transferable[]): Promise<void> => {
        const sent = (): { id: string } | undefined =>
          peer.inbox.find((m) => (m as { methodPath?: unknown[] }).methodPath?.[0] === method) as { id: string } | undefined;
        await until(() => sent() !== undefined, `the ${method} call`);
        peer.send({ namespace: 'penpal', type: 'REPLY', callId: sent()!.id, value }, transfer);
      };
      const declared = new MessageChannel();
      const opened = link.remote.open();
      await answer('open', { port: declared.port2 }, [declared.port2]);
      expect((await opened).port).toBeInstanceOf(MessagePort);

      const undeclared = new MessageChannel();
      // Node, unlike browsers, tells a port that its other end closed.
      const closed = new Promise<void>((resolve) =>
        (undeclared.port1 as unknown as { once(event: 'close', listener: () => void): void }).once('close', resolve),
      );
      const bare = link.remote.bare();
      await answer('bare', { port: undeclared.port2 }, [undeclared.port2]);
      await expect(bare).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringContaining('port') });
      await closed;
      expect(link.stats().refused.output).toBe(1);
      (await opened).port.close();
      declared.port1.close();
    } finally {
      link.destroy();
    }
  });
});

describe('a port link: where the other end may be a grant', () => {
  const served = defineContract({ host: {}, guest: { use: { input: z.undefined() } } });

  it.each([
    ['REVOKED', 'REVOKED', undefined],
    ['EXHAUSTED', 'EXHAUSTED', undefined],
    ['EXPIRED', 'EXPIRED', undefined],
    ['DISCONNECTED', 'REMOTE_ERROR', 'DISCONNECTED'],
  ])('a reply claiming %s fails the call with %s', async (claimed, code, remoteCode) => {
    const { port1, port2 } = new MessageChannel();
    const link = await connectPort(port1, { contract: served, as: 'host', heartbeatInterval: 60_000 });
    try {
      const peer = await rawPeer(port2);
      await link.ready;
      const result = link.remote.use(undefined);
      await until(() => peer.inbox.some((m) => (m as { type?: unknown }).type === 'CALL'), 'the CALL');
      const { id } = peer.inbox.find((m) => (m as { type?: unknown }).type === 'CALL') as { id: string };
      const value = { frameport: 'frameport/1', code: claimed, message: 'the grant said so' };
      peer.send({ namespace: 'penpal', type: 'REPLY', callId: id, isError: true, value });
      const error = (await result.catch((caught: unknown) => caught)) as FrameportError;
      expect(error).toBeInstanceOf(FrameportError);
      expect({ code: error.code, remoteCode: error.remoteCode, message: error.message }).toEqual({
        code,
        remoteCode,
        message: 'the grant said so',
      });
    } finally {
      link.destroy();
    }
  });
});

describe('guard: fuzzing a connectPort link', () => {
  it('survives 3,000 generated messages on a port link: nothing throws, every call is answered, the link stays usable', async () => {
    const { port1, port2 } = new MessageChannel();
    // No bucket or breaker: 3,000 bad messages a second would rightly get the peer dropped.
    const link = await connectPort(port1, {
      contract,
      as: 'host',
      rateLimit: false,
      methods: {
        add: ({ a, b }: { a: number; b: number }) => a + b,
        echo: (value: unknown) => value,
        scale: ({ x }: { x: number }) => x * 2,
      },
    });
    try {
      const peer = await rawPeer(port2);
      await link.ready;
      const expected: string[] = [];
      fc.sample(
        fc.oneof(
          fc.anything({ withMap: true, withSet: true, withTypedArray: true }),
          fc.record(
            {
              type: fc.constantFrom('CALL', 'REPLY', 'end', 'ping', 'pong'),
              namespace: fc.constant('penpal'),
              frameport: fc.constant('frameport/1'),
              code: fc.string(),
              methodPath: fc.array(fc.constantFrom('add', 'echo', 'nope'), { maxLength: 2 }),
              args: fc.array(fc.anything(), { maxLength: 2 }),
            },
            { requiredKeys: ['type'] },
          ),
        ),
        { numRuns: 3_000, seed: 20261123 },
      ).forEach((message, index) => {
        const isCall = typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'CALL';
        if (isCall) expected.push(`port-${index}`);
        peer.send(isCall ? { ...message, id: `port-${index}` } : message);
      });
      const answered = (): Set<string> =>
        new Set(peer.inbox.filter((m) => (m as { type?: unknown }).type === 'REPLY').map((m) => (m as { callId: string }).callId));
      await until(() => expected.every((id) => answered().has(id)), 'every call on the port link to be answered', 20_000);
      peer.send(call('final', 'add', [{ a: 40, b: 2 }]));
      expect(await peer.reply('final')).toMatchObject({ value: 42 });
    } finally {
      link.destroy();
    }
  }, 60_000);
});

function deep(depth: number): unknown {
  let nested: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) nested = level % 2 ? [nested] : { nested };
  return nested;
}

function cyclic(entry: unknown): unknown {
  const node: Record<string, unknown> = { entry };
  node.self = node;
  node.list = [node, new Map([[node, node]])];
  return node;
}
