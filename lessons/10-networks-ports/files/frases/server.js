// frases: a small HTTP API. GET / answers with a phrase in JSON and the
// hostname of the container that served it; every request is logged with
// the address it came from.
const http = require('http');
const os = require('os');

const FRASES = [
  'Un contenedor es un proceso con su propia vista del sistema.',
  'Una imagen no cambia: cada contenedor escribe en su propia capa.',
  'Dentro de un contenedor, localhost es el propio contenedor.',
  'EXPOSE documenta un puerto; -p lo publica.',
];

let n = 0;
const server = http.createServer((req, res) => {
  console.log(`${req.method} ${req.url} desde ${req.socket.remoteAddress}`);
  const frase = FRASES[n++ % FRASES.length];
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ frase, servidor: os.hostname() }) + '\n');
});

// No address: it listens on every interface of the container (0.0.0.0).
server.listen(3000, () => console.log('frases escucha en el puerto 3000'));
