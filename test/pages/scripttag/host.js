// Mounts the widget named by `?guest=` (if any); what the host's handler took is kept in `paid`.
const guest = new URLSearchParams(location.search).get('guest');
window.paid = [];
if (guest) {
  window.widget = FrameportHost.mountWidget({
    container: document.body,
    src: guest,
    title: 'script-tag widget',
    contract: window.contract,
    methods: {
      paid: (input) => {
        window.paid.push(input);
        return 'ok';
      },
    },
  });
}
window.loaded = true;
