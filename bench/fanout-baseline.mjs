// The floor: a bare `ws` server that sends the same message a subscriber would get to every
// connected client, with no GraphQL, no database and no per-subscriber work.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type === 'connection_init') ws.send(JSON.stringify({ type: 'connection_ack' }));
  });
});
wss.on('listening', () => process.send({ type: 'listening', port: wss.address().port }));

let seq = 0;
process.on('message', (msg) => {
  if (msg?.type !== 'broadcast') return;
  seq++;
  const message = JSON.stringify({
    id: '1',
    type: 'next',
    payload: {
      data: {
        machineStatusChanged: {
          eventId: String(seq),
          machineId: msg.machineId,
          buildingId: msg.buildingId,
          status: seq % 2 ? 'WARNING' : 'OK',
          previousStatus: seq % 2 ? 'OK' : 'WARNING',
          changedAt: new Date().toISOString(),
        },
      },
    },
  });
  for (const client of wss.clients) client.send(message);
});
