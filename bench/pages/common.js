// Shared by the bench guests. Timings are epoch milliseconds (timeOrigin + now), comparable
// between the two frames' processes.
export const params = new URLSearchParams(location.search);
export const host = params.get('host');
export const epoch = () => performance.timeOrigin + performance.now();
export const tell = (message) => parent.postMessage({ bench: true, ...message }, host);

/** Commands from the host page, outside any library under test. */
export const commands = {
  grow({ height }) {
    const t0 = epoch();
    document.querySelector('#box').style.height = `${height}px`;
    tell({ kind: 'grew', t0, height });
  },
};
addEventListener('message', (event) => {
  if (event.origin === host && event.source === parent && event.data?.benchCommand) commands[event.data.benchCommand]?.(event.data);
});
