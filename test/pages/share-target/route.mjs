/** The share target the app serves: the manifest says the same (test/share-target.test.ts checks it). */
export const route = {
  action: './app.html',
  schema: {
    title: {},
    text: { maxLength: 200 },
    url: { name: 'link' },
    files: { name: 'media', accept: ['image/*', 'text/plain'], maxCount: 2, maxSize: 1000 },
  },
};
