// Plain penpal in a worker, bundled by bench/run.ts into built/worker-penpal.mjs: what the RPC
// layer alone costs over a bare echo.
import { connect, WorkerMessenger } from 'penpal';

connect({ messenger: new WorkerMessenger({ worker: self }), methods: { echo: ({ n }) => n } });
