// Worker process of bench:memory: wall displays as the web app's display client opens them —
// one graphql-transport-ws socket each, signed in with a display link's token, carrying the
// display's two subscriptions (DisplayEvents with `since`, DisplayWarningRepeats). A reconnect
// resumes from the last event id the socket saw, as the display does after a dropped socket.
//
// IPC: { type: 'open', url, displays: [{ token, buildingIds, since }], events, repeats }
//      → { type: 'opened', ready, failed }; 'churn' { count } closes `count` random sockets and
//      reopens them (→ 'churned'); 'report' → counters; 'close' closes all (→ 'closed').
import WebSocket from 'ws';

let url;
let eventsQuery;
let repeatsQuery;
let delivered = 0;
let errors = 0;
let reconnects = 0;
let failed = 0;
/** Sockets closed before their connection_ack (e.g. the server could not authenticate them). */
let refused = 0;
let firstError;
const sockets = [];

/** Opens one display socket; resolves once both subscriptions are sent (or it failed). */
function open(display) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    const entry = { display, ws };
    let acked = false;
    ws.on('open', () =>
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${display.token}` },
        }),
      ),
    );
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString());
      if (msg.type === 'connection_ack') {
        acked = true;
        const variables = { buildingIds: display.buildingIds };
        ws.send(
          JSON.stringify({
            id: 'events',
            type: 'subscribe',
            payload: { query: eventsQuery, variables: { ...variables, since: display.since } },
          }),
        );
        ws.send(
          JSON.stringify({
            id: 'repeats',
            type: 'subscribe',
            payload: { query: repeatsQuery, variables },
          }),
        );
        resolve(true);
      } else if (msg.type === 'next') {
        if (msg.payload?.errors) {
          errors++;
          firstError ??= JSON.stringify(msg.payload.errors).slice(0, 300);
        }
        const event = msg.payload?.data?.machineEvents;
        if (event) {
          delivered++;
          display.since = event.id;
        }
      } else if (msg.type === 'error') {
        errors++;
        firstError ??= JSON.stringify(msg.payload).slice(0, 300);
      } else if (msg.type === 'ping') {
        ws.send(JSON.stringify({ type: 'pong' }));
      }
    });
    ws.on('error', () => {
      failed++;
      resolve(false);
    });
    ws.on('close', () => {
      if (!acked) refused++;
      resolve(false);
    });
    sockets.push(entry);
  });
}

function close(entry) {
  return new Promise((resolve) => {
    const index = sockets.indexOf(entry);
    if (index !== -1) sockets.splice(index, 1);
    if (entry.ws.readyState === WebSocket.CLOSED) return resolve();
    entry.ws.once('close', resolve);
    entry.ws.close(1000);
  });
}

/** Opens in batches so the server's accept queue is not flooded. */
async function openAll(displays) {
  let ready = 0;
  for (let i = 0; i < displays.length; i += 100) {
    const batch = await Promise.all(displays.slice(i, i + 100).map(open));
    ready += batch.filter(Boolean).length;
  }
  return ready;
}

process.on('message', async (msg) => {
  if (msg.type === 'open') {
    url = msg.url;
    eventsQuery = msg.events;
    repeatsQuery = msg.repeats;
    const ready = await openAll(msg.displays);
    process.send({ type: 'opened', ready, failed });
  } else if (msg.type === 'churn') {
    const chosen = [];
    for (let i = 0; i < msg.count && sockets.length > 0; i++) {
      chosen.push(sockets[Math.floor(Math.random() * sockets.length)]);
    }
    const unique = [...new Set(chosen)];
    await Promise.all(unique.map(close));
    await openAll(unique.map((e) => e.display));
    reconnects += unique.length;
    process.send({ type: 'churned', count: unique.length });
  } else if (msg.type === 'report') {
    const open = sockets.filter((e) => e.ws.readyState === WebSocket.OPEN).length;
    process.send({
      type: 'report',
      open,
      delivered,
      errors,
      reconnects,
      failed,
      refused,
      firstError,
    });
  } else if (msg.type === 'close') {
    await Promise.all([...sockets].map(close));
    process.send({ type: 'closed' });
  } else if (msg.type === 'exit') {
    process.exit(0);
  }
});
