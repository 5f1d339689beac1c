// Runway's Node.js example: a web app with no npm dependencies. It listens on the port Runway
// passes in PORT and answers every GET with its greeting and the text of message.txt.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const port = Number(process.env.PORT || 8080);
const server = http.createServer((req, res) => {
  const message = fs.readFileSync(path.join(__dirname, 'message.txt'), 'utf8').trim();
  const build = fs.existsSync(path.join(__dirname, 'build-info.txt'))
    ? fs.readFileSync(path.join(__dirname, 'build-info.txt'), 'utf8').trim() : 'no build info';
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${process.env.GREETING || 'Hello'}\n${message}\n${build}\nnode ${process.version}\n`);
});
server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
