const http = require('http');

const MENSAJE = 'Bienvenido a la tienda: hoy, envío gratis';

http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${MENSAJE}\n`);
}).listen(3000, () => console.log('La tienda escucha en el puerto 3000'));
