// The WhatsApp Web admin page: while a link is running, fetches the page's status and link panel again
// every two seconds (WhatsApp offers a new QR code about every 20 s) and swaps them in, until the link
// succeeds, fails or is cancelled. Without this script the page's "Reload" link does the same by hand.
(() => {
  var root = document.querySelector('[data-whatsapp-web]');
  if (!root) return;
  var url = root.getAttribute('data-whatsapp-web');
  var timer;
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => {
        // Signed out or no longer an admin: stop; a server hiccup: try again a little later.
        if (!response.ok) throw response.status >= 500 ? new Error('retry') : new Error('stop');
        return response.json();
      })
      .then((data) => {
        // Server-rendered from escaped templates, the same markup the page itself was made of.
        root.innerHTML = data.html;
        root.setAttribute('data-running', data.running ? 'true' : 'false');
        if (data.running) timer = setTimeout(poll, 2000);
      })
      .catch((error) => {
        if (error.message !== 'stop') timer = setTimeout(poll, 5000);
      });
  }
  if (root.getAttribute('data-running') === 'true') timer = setTimeout(poll, 2000);
  window.addEventListener('pagehide', () => clearTimeout(timer));
})();
