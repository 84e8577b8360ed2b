/**
 * A TCP proxy on loopback that holds every chunk `delayMs` each way: a database across a network,
 * for the benchmarks. It runs in a worker thread of its own, so a client in this thread that blocks
 * while it waits (the synchronous PostgreSQL connection) never stops it.
 */
import { Worker } from 'node:worker_threads';

const PROXY = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { targetPort, delayMs } = workerData;
const server = net.createServer((client) => {
  const upstream = net.connect(targetPort, '127.0.0.1');
  const end = () => { client.destroy(); upstream.destroy(); };
  for (const s of [client, upstream]) { s.on('error', end); s.on('close', end); }
  client.on('data', (d) => setTimeout(() => upstream.write(d), delayMs));
  upstream.on('data', (d) => setTimeout(() => client.write(d), delayMs));
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export async function startDelayProxy(targetPort: number, delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const worker = new Worker(PROXY, { eval: true, workerData: { targetPort, delayMs } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { port, close: () => worker.terminate().then(() => undefined) };
}
