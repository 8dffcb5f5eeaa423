/* global importScripts, workerpool, work */
// workerpool's own worker script for the same task.
importScripts('/node_modules/workerpool/dist/workerpool.min.js', './worker-work.js');
workerpool.worker({ work: (n) => work(n) });
