// Keeps the change form's "who else has this item open" note current (assembly/admin/presence.py):
// a sign of life every few seconds, and a goodbye when the page closes.
"use strict";
(function () {
  const box = document.querySelector(".edit-presence[data-presence-url]");
  if (!box) return;
  const url = box.dataset.presenceUrl;
  const seconds = Number(box.dataset.heartbeat) || 45;

  function token() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function body(extra) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    if (extra) data.append(extra, "1");
    return data;
  }

  async function beat() {
    try {
      const response = await fetch(url, { method: "POST", body: body(), credentials: "same-origin" });
      if (!response.ok) return;
      const answer = await response.json();
      const fresh = new DOMParser()
        .parseFromString(answer.html, "text/html")
        .querySelector(".edit-presence");
      if (!fresh) return;
      box.innerHTML = fresh.innerHTML;
      box.hidden = fresh.hidden;
    } catch (error) {
      // Offline for a moment: the next beat tries again.
    }
  }

  setInterval(beat, seconds * 1000);
  window.addEventListener("pagehide", function () {
    navigator.sendBeacon(url, body("leave"));
  });
})();
