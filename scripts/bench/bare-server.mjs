// The benchmarks' baseline: node:http answering a fixed JSON body, with SERVER_WORKERS
// processes sharing the port (node:cluster), as the app does.
import cluster from 'node:cluster';
import { createServer } from 'node:http';

const workers = Number(process.env.SERVER_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const body = JSON.stringify({ user: { id: 'u', email: 'owner@example.com', name: 'Owner' }, tenant: { id: 't', name: 'Bakery' }, role: 'owner' });
  createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }).listen(Number(process.env.PORT), '127.0.0.1');
}
