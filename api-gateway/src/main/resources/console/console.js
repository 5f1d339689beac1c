// The console's only script of its own: every htmx request carries the session's CSRF token, and
// the logs' "live tail" box re-runs the search every 3 s while it is ticked.
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    e.detail.headers['X-CSRF-Token'] = token.content;
  }
});
setInterval(function () {
  var tail = document.getElementById('log-tail');
  var form = document.getElementById('logs-form');
  if (tail && tail.checked && form && window.htmx) {
    window.htmx.trigger(form, 'submit');
  }
}, 3000);
