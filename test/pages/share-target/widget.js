import { connectToHost } from '/dist/guest.mjs';
import { handOff } from './contract.js';

// A widget that takes a shared post from the page and reads its files.
await connectToHost({
  allowedOrigins: [new URLSearchParams(location.search).get('host')],
  contract: handOff,
  methods: {
    receiveShare: async ({ title, files }) => ({
      title,
      files: await Promise.all(files.map(async (file) => `${file.name} ${file.type} ${await file.text()}`)),
    }),
  },
});
