// contador's API: counts visits in redis. GET /api/visitas adds one and
// answers with the total; GET /api/salud asks redis for a PONG. Redis is at
// REDIS_HOST:REDIS_PORT (default localhost:6379); no npm packages: it speaks
// redis's protocol (RESP) over a plain TCP socket.
const http = require('http');
const net = require('net');
const os = require('os');

const REDIS_HOST = process.env.REDIS_HOST || 'localhost';
const REDIS_PORT = Number(process.env.REDIS_PORT || 6379);

// Sends one command (e.g. redis('INCR', 'visitas')) and resolves with its reply.
function redis(...args) {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(REDIS_PORT, REDIS_HOST);
    let reply = '';
    socket.on('connect', () => {
      socket.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join(''));
    });
    socket.on('data', (chunk) => {
      reply += chunk;
      if (!reply.endsWith('\r\n')) return;
      socket.end();
      const [head, body] = reply.split('\r\n');
      if (head[0] === '-') reject(new Error(head.slice(1)));
      else if (head[0] === ':') resolve(Number(head.slice(1)));
      else if (head[0] === '$') resolve(head === '$-1' ? null : body);
      else resolve(head.slice(1));
    });
    socket.on('error', reject);
  });
}

function send(res, status, data) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(data) + '\n');
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/api/visitas') {
      const visitas = await redis('INCR', 'visitas');
      console.log(`GET /api/visitas -> ${visitas}`);
      send(res, 200, { visitas, api: os.hostname() });
    } else if (req.url === '/api/salud') {
      send(res, 200, { redis: await redis('PING') });
    } else {
      send(res, 404, { error: 'no existe' });
    }
  } catch (err) {
    console.error(`redis en ${REDIS_HOST}:${REDIS_PORT}: ${err.message}`);
    send(res, 503, { error: err.message });
  }
});

// As PID 1 of its container, node gets no default handling of SIGTERM: without
// this, docker stop would wait its 10 seconds and then kill it.
process.on('SIGTERM', () => process.exit(0));

// Like many apps, it talks to its database once at start-up, and gives up if it cannot.
redis('PING').then(
  () => server.listen(3000, () => console.log(`api escucha en el puerto 3000 (redis en ${REDIS_HOST}:${REDIS_PORT})`)),
  (err) => {
    console.error(`no puedo hablar con redis en ${REDIS_HOST}:${REDIS_PORT}: ${err.message}`);
    process.exit(1);
  },
);
