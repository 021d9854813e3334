// Serves the generated site (dist/) over HTTP on port 8080.
const http = require('http');
const fs = require('fs');
const path = require('path');

http.createServer((req, res) => {
  const url = req.url === '/' ? '/index.html' : req.url;
  const file = path.join(__dirname, 'dist', path.normalize(url));
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end('Not found\n'); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(data);
  });
}).listen(8080, () => console.log('Serving dist/ on port 8080'));
