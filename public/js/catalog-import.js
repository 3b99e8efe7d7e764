// Import progress (/catalog/imports/:id): polls the status JSON and moves the
// <progress> bar; reloads the page for the result when the import is finished.
// Progressive enhancement only: without it the page has a refresh link.
// Loaded by a normal <script src> in the page (script-src 'self'); never inline.
(function () {
  'use strict';
  var box = document.querySelector('[data-import-progress]');
  if (!box || typeof window.fetch !== 'function') return;
  var url = box.getAttribute('data-status-url');
  var bar = box.querySelector('progress');
  var text = box.querySelector('[data-import-progress-text]');
  if (!url || !bar) return;
  var delay = 1000;

  function schedule(ms) {
    window.setTimeout(poll, ms);
  }

  function show(s) {
    var total = Math.max(Number(s.totalRows) || 0, 1);
    var done = Math.min(Number(s.processedRows) || 0, total);
    bar.max = total;
    bar.value = done;
    bar.textContent = Math.floor((done * 100) / total) + '%';
    if (text && typeof s.text === 'string' && text.textContent !== s.text) text.textContent = s.text;
  }

  function poll() {
    window
      .fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (s) {
        if (!s) return schedule(5000);
        show(s);
        if (s.finished) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay + 500, 4000);
        schedule(delay);
      })
      .catch(function () {
        schedule(5000);
      });
  }

  var refresh = box.querySelector('[data-import-refresh]');
  if (refresh) refresh.setAttribute('aria-describedby', 'import-progress-text');
  schedule(delay);
})();
