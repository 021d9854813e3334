// portada: the web page. On each visit it asks the frases API (at API_URL)
// for a phrase and shows it as HTML; if it cannot reach the API, it says why.
const http = require('http');

const API_URL = process.env.API_URL;

const server = http.createServer((req, res) => {
  if (req.url !== '/') { res.statusCode = 404; res.end('404\n'); return; }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  http.get(API_URL, (api) => {
    let body = '';
    api.setEncoding('utf8');
    api.on('data', (chunk) => { body += chunk; });
    api.on('end', () => {
      const { frase, servidor } = JSON.parse(body);
      console.log(`GET / -> ${API_URL}: ${api.statusCode}`);
      res.end(`<h1>La frase del día</h1>\n<blockquote>${frase}</blockquote>\n<p>frases: ${servidor}</p>\n`);
    });
  }).on('error', (err) => {
    console.log(`GET / -> ${API_URL}: ${err.message}`);
    res.statusCode = 502;
    res.end(`<h1>502</h1>\n<p>${API_URL}: ${err.message}</p>\n`);
  });
});

server.listen(8080, () => console.log(`portada escucha en el puerto 8080; API_URL=${API_URL}`));
