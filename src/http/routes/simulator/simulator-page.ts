import { escapeHtml } from '../../../ui/html.js';

/**
 * The simulator page: a phone-sized chat where a person types as a citizen. Plain HTML and a little
 * script, no build step, light enough for a slow connection. Behind staff sign-in (production) the page
 * carries the session's CSRF token, which the script sends with each message.
 */
export function simulatorPage(csrfToken: string | null): string {
  const csrf = csrfToken ? `<meta name="csrf-token" content="${escapeHtml(csrfToken)}">\n` : '';
  return `${PAGE_HEAD}${csrf}${PAGE_REST}`;
}

const PAGE_HEAD = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
`;

const PAGE_REST = `<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Suara — simulator</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #eef1f4; color: #1d2630; }
  main { max-width: 28rem; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; background: #fff; }
  header { padding: .75rem 1rem; background: #1f5f4a; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0 0 .5rem; }
  header label { font-size: .8rem; margin-right: .5rem; }
  header input, header select { font: inherit; font-size: .85rem; padding: .2rem .3rem; border-radius: .25rem; border: 0; }
  #log { flex: 1; padding: 1rem; overflow-y: auto; display: flex; flex-direction: column; gap: .5rem; }
  .msg { max-width: 80%; padding: .5rem .75rem; border-radius: .75rem; white-space: pre-wrap; word-wrap: break-word; }
  .inbound { align-self: flex-end; background: #d8f3dc; }
  .outbound { align-self: flex-start; background: #f0f0f0; }
  .meta { display: block; font-size: .7rem; color: #5c6670; margin-top: .25rem; }
  form { display: flex; gap: .5rem; padding: .75rem; border-top: 1px solid #dde; }
  form input { flex: 1; font: inherit; padding: .5rem; }
  form button { font: inherit; padding: .5rem 1rem; background: #1f5f4a; color: #fff; border: 0; border-radius: .25rem; }
  #error { color: #a12; padding: 0 1rem; min-height: 1.2rem; font-size: .85rem; }
  .note { font-size: .75rem; padding: 0 1rem .75rem; color: #5c6670; }
</style>
</head>
<body>
<main>
  <header>
    <h1>Suara — simulator</h1>
    <label>Nomor <input id="from" value="+628000000001" size="15" aria-label="Fake phone number"></label>
    <label>Kanal <select id="channel" aria-label="Channel"><option value="sms">SMS</option><option value="whatsapp">WhatsApp</option></select></label>
  </header>
  <div id="log" aria-live="polite"></div>
  <div id="error" role="alert"></div>
  <form id="send">
    <input id="text" autocomplete="off" placeholder="Tulis pesan… (contoh: sungai keruh karena tambang di Kukar)" aria-label="Message">
    <button type="submit">Kirim</button>
  </form>
  <p class="note">Simulated numbers are kept apart from real citizens. Replies go through the same queue, flows and database as real traffic.</p>
</main>
<script>
const $ = (id) => document.getElementById(id);
const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
let shown = '';
async function refresh() {
  const params = new URLSearchParams({ from: $('from').value.trim(), channel: $('channel').value });
  const response = await fetch('/simulator/messages?' + params);
  if (!response.ok) return;
  const { messages } = await response.json();
  const key = JSON.stringify(messages.map((m) => [m.direction, m.body, m.status]));
  if (key === shown) return;
  shown = key;
  const log = $('log');
  log.replaceChildren(...messages.map((m) => {
    const div = document.createElement('div');
    div.className = 'msg ' + m.direction;
    div.textContent = m.body || (m.media.length ? '[foto]' : '');
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = m.direction === 'outbound' ? 'Suara · ' + m.segments + ' SMS segment' + (m.segments === 1 ? '' : 's') : 'Anda';
    div.append(meta);
    return div;
  }));
  log.scrollTop = log.scrollHeight;
}
$('send').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  if (!text.trim()) return;
  $('error').textContent = '';
  const response = await fetch('/simulator/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify({ from: $('from').value.trim(), channel: $('channel').value, text }),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ message: response.statusText }));
    $('error').textContent = body.message;
    return;
  }
  $('text').value = '';
  refresh();
});
$('from').addEventListener('change', () => { shown = ''; refresh(); });
$('channel').addEventListener('change', () => { shown = ''; refresh(); });
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
`;
