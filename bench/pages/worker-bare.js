/* global importScripts, work */
// The baselines' worker: a bare echo, and the guide's pool protocol (INIT hands over a port,
// TASK is answered with TASK_COMPLETE on it).
importScripts('./worker-work.js');
onmessage = ({ data, ports }) => {
  if (data.type !== 'INIT') return postMessage(data.n);
  const [port] = ports;
  port.onmessage = ({ data: task }) => port.postMessage({ type: 'TASK_COMPLETE', taskId: task.taskId, result: work(task.data.n) });
};
