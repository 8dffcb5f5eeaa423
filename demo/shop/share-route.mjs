/** What the shop takes when a product link is shared to it (demo/shop/manifest.json says the same). */
export const route = {
  action: './',
  schema: { title: {}, text: {}, url: {} },
};
