// Offline support: precaches every file the page loads (the list is written at
// build time from the hashed file names) and answers from the cache first, so
// after one visit the playground loads with the network off. It answers only
// for the page itself and its own files: other pages on the origin (a course
// beside a deployment at the root) go to the network untouched.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const SCOPE = self.registration.scope;
const PREFIX = 'academy-playground:' + SCOPE + ':';
const CACHE = PREFIX + VERSION;
// The page: the scope's own path and its index.html (with any query).
const PAGE = new URL('./', SCOPE).pathname;
const OWN = new Set(FILES.map((f) => new URL(f, SCOPE).href));

self.addEventListener('install', (event) => {
  // `reload` skips the HTTP cache, so a deploy never precaches the old page.
  const requests = FILES.map((f) => new Request(f, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // Drop older versions of this deployment only; other sub-paths keep theirs.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const navigate = request.mode === 'navigate';
  if (navigate ? url.pathname !== PAGE && url.pathname !== PAGE + 'index.html' : !OWN.has(url.origin + url.pathname)) return;
  // Navigations carry embed parameters in the query: any of them is the one page.
  const key = navigate ? new URL('./', SCOPE).href : url.origin + url.pathname;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
