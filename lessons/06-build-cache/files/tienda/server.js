const express = require('express');

const MENSAJE = 'Bienvenido a la tienda';
const productos = [
  { nombre: 'Taza', precio: 8 },
  { nombre: 'Camiseta', precio: 15 },
  { nombre: 'Pegatinas', precio: 2 },
];

const app = express();

app.get('/', (req, res) => {
  const lista = productos.map((p) => `<li>${p.nombre}: ${p.precio} €</li>`).join('');
  res.send(`<h1>${MENSAJE}</h1>\n<ul>${lista}</ul>\n`);
});

app.get('/api/productos', (req, res) => res.json(productos));

app.listen(3000, () => console.log('La tienda escucha en el puerto 3000'));
