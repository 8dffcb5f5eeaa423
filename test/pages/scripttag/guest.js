window.connection = window.settle(
  FrameportGuest.connectToHost({
    allowedOrigins: new URLSearchParams(location.search).getAll('allowed'),
    contract: window.contract,
    methods: {
      setAmount: ({ amount, currency }) => {
        document.querySelector('output').textContent = `${amount} ${currency}`;
        return 'ok';
      },
    },
  }).then((host) => {
    window.host = host;
    return host.hostOrigin;
  }),
);
