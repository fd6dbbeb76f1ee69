// Worker process: opens N graphql-transport-ws sockets, subscribes each, and records for every
// delivered event the delay from the time stamped in the payload to its arrival here.
import WebSocket from 'ws';

const [url, countArg, token, query] = process.argv.slice(2);
const count = Number(countArg);
const latencies = [];
let delivered = 0;
let ready = 0;
let failed = 0;

function open() {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    ws.on('open', () =>
      ws.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      ),
    );
    ws.on('message', (raw) => {
      const now = Date.now();
      const msg = JSON.parse(raw.toString());
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        ready++;
        resolve();
      } else if (msg.type === 'next') {
        const change = msg.payload?.data?.machineStatusChanged;
        if (change) {
          delivered++;
          latencies.push(now - Date.parse(change.changedAt));
        }
      } else if (msg.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      }
    });
    ws.on('error', () => {
      failed++;
      resolve();
    });
    ws.on('close', () => resolve());
  });
}

// Connect in batches so the accept queue is not flooded.
for (let i = 0; i < count; i += 200) {
  await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => open()));
}
process.send({ type: 'ready', ready, failed });

process.on('message', (msg) => {
  if (msg === 'report') {
    process.send({ type: 'report', delivered, latencies });
  } else if (msg === 'reset') {
    delivered = 0;
    latencies.length = 0;
  } else if (msg === 'exit') {
    process.exit(0);
  }
});
