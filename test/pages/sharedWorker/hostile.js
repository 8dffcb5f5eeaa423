// A tab of the hub's own origin that does not use frameport and attacks the hub the way it can:
// ?mode=shared talks to the SharedWorker directly, ?mode=fallback posts on the relay's
// BroadcastChannel. Each sends garbage first, then joins properly (holding its lock) and floods.
const mode = new URLSearchParams(location.search).get('mode');
const hubUrl = new URL('./hub.js', import.meta.url).href;
const id = `hostile-${Math.random().toString(36).slice(2)}`;
const done = { garbage: 0, joined: false, flooded: 0, victim: undefined, listed: false };
window.hubHostile = done;

const flood = (send) => {
  const burst = () => {
    for (let n = 0; n < 500; n += 1) send({ namespace: 'penpal', type: 'nonsense', n });
    done.flooded += 500;
    if (done.flooded < 20_000) setTimeout(burst);
  };
  burst();
};

// Holds the lock a real tab would, so that the hub does not drop it as gone at once.
navigator.locks.request(`frameport-hub/1:${id}`, async () => {
  if (mode === 'shared') {
    // Ten doors, each refused for what it says first; then one proper join, flooded.
    for (let n = 0; n < 10; n += 1) new SharedWorker(hubUrl).port.postMessage({ frameport: 'frameport/1', type: 'nonsense', n });
    done.garbage = 10;
    // A real tab's id, which the locks every script of the origin can list show (the hub's own
    // lock looks the same, so the test names which one to steal): taken, refused.
    const { held } = await navigator.locks.query();
    const victim = new URLSearchParams(location.search).get('victim');
    done.listed = held.some(({ name }) => name.split(':')[1] === victim);
    const stolen = new MessageChannel();
    new SharedWorker(hubUrl).port.postMessage({ frameport: 'frameport/1', type: 'connect-hub', id: victim }, [stolen.port2]);
    done.victim = victim;
    const { port1, port2 } = new MessageChannel();
    new SharedWorker(hubUrl).port.postMessage({ frameport: 'frameport/1', type: 'connect-hub', id }, [port2]);
    done.joined = true;
    flood((message) => port1.postMessage(message));
  } else {
    const channel = new BroadcastChannel(`frameport-hub/1:${hubUrl}|`);
    for (let n = 0; n < 5; n += 1) channel.postMessage({ junk: n });
    channel.onmessage = ({ data }) => {
      if (data.k !== 'a' || data.t !== id || done.joined) return;
      // To the leader, in the name of tabs it never connected.
      for (let n = 0; n < 5; n += 1) channel.postMessage({ k: 'd', f: `forged-${n}-tab`, t: data.f, d: 'x' });
      done.garbage = 10;
      done.joined = true;
      flood((message) => channel.postMessage({ k: 'd', f: id, t: data.f, d: message }));
    };
    channel.postMessage({ k: 'c', f: id });
  }
  return new Promise(() => undefined);
});
