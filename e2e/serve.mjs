// A tiny static server for the browser tests: serves a folder on loopback,
// optionally under a sub-path, with the right content types (wasm streaming
// compilation needs application/wasm). Run it (`node serve.mjs dist 8123`) or
// import `serve` to start one on a free port inside a test.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Serves `folder` on 127.0.0.1:`port` (0: any free port); `headers` are added
 * to every answer (a Cache-Control, say). Resolves to the listening server.
 */
export function serve(folder, port, headers = {}) {
  const root = resolve(folder);
  const server = createServer(async (req, res) => {
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
        const cors = url.pathname.startsWith('/no-cors/') ? {} : { 'access-control-allow-origin': '*' };
        res.writeHead(200, {
          'content-type': types[extname(file)] ?? 'application/octet-stream',
          ...cors,
          ...headers,
        });
        res.end(body);
        return;
      } catch { /* try the next candidate */ }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = resolve(process.argv[2] ?? 'dist');
  const server = await serve(root, Number(process.argv[3] ?? 8123));
  console.log(`serving ${root} on http://127.0.0.1:${server.address().port}/`);
}
