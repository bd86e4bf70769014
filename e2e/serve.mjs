// A tiny static server for the browser tests: serves a folder on loopback,
// optionally under a sub-path, with the right content types (wasm streaming
// compilation needs application/wasm).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8123);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  // Leading path segments that name no file are a sub-path mount of the same
  // folder (the app served under /courses/oauth/ finds its files).
  const segments = path.split('/').filter(Boolean);
  const candidates = segments.map((_, i) => '/' + segments.slice(i).join('/') + (path.endsWith('/') ? '/' : ''));
  if (path.endsWith('/')) candidates.push('/');
  for (const candidate of candidates) {
    let file = join(root, candidate);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Like most static hosts, allow any origin to fetch the files: a sandboxed
      // iframe (opaque origin) loads the module script and wasm through CORS.
      // Except under /no-cors/: the tests' stand-in for a host that does not allow it.
      const headers = { 'content-type': types[extname(file)] ?? 'application/octet-stream' };
      if (!url.pathname.startsWith('/no-cors/')) headers['access-control-allow-origin'] = '*';
      res.writeHead(200, headers);
      res.end(body);
      return;
    } catch { /* try the next candidate */ }
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
