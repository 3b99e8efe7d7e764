// OneWindow progressive enhancement. Every page works without this file.
// Served from /static/js/app.js (script-src 'self'); never inline.
(function () {
  'use strict';
  // Move focus to the error summary so screen readers and keyboard users land on it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary && typeof summary.focus === 'function') summary.focus();
})();
