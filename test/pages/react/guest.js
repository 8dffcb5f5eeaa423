import { z } from 'zod';
import { defineContract } from '/dist/index.mjs';
import { connectToHost } from '/dist/guest.mjs';

// The same contract as app.tsx. Connections are counted across every frame of this origin in
// the tab (sessionStorage), so a second, stray connection would show.
const contract = defineContract({
  host: { label: { input: z.undefined(), output: z.string() } },
  guest: {
    counts: { input: z.undefined(), output: z.object({ loads: z.number(), connects: z.number() }) },
    askLabel: { input: z.undefined(), output: z.string() },
  },
});
const count = (key) => {
  const next = Number(sessionStorage.getItem(key) ?? 0) + 1;
  sessionStorage.setItem(key, String(next));
  return next;
};
count('loads');
const read = (key) => Number(sessionStorage.getItem(key) ?? 0);

const host = await connectToHost({
  allowedOrigins: new URLSearchParams(location.search).getAll('allowed'),
  contract,
  methods: {
    counts: () => ({ loads: read('loads'), connects: read('connects') }),
    askLabel: () => host.remote.label(),
  },
});
count('connects');
host.on('connect', () => count('connects'));
