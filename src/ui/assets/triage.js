// Suara workspace enhancements. Everything works without this file; it only adds the live SMS
// segment count under the masked-reply box (computed by the server, which knows the real text sent).
(() => {
  function debounce(fn, ms) {
    var timer;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }
  document.querySelectorAll('textarea[data-segments]').forEach((box) => {
    var out = box.form?.querySelector('[data-segment-count]');
    if (!out) return;
    var update = debounce(() => {
      var url = `${box.getAttribute('data-segments')}?text=${encodeURIComponent(box.value)}`;
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          if (!data) return;
          out.textContent = `${data.segments} SMS · ${data.units}/${data.perSegment} ${data.encoding}`;
        })
        .catch(() => {});
    }, 250);
    box.addEventListener('input', update);
    update();
  });
})();
