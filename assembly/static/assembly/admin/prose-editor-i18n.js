// django-prose-editor writes its toolbar tooltips and its block-style menu ("bold",
// "Heading 2", "Paragraph") in English, outside gettext; its dialogs already use
// window.gettext. This passes the rest through the same catalog (the admin's jsi18n,
// which serves locale/upstream/<lang>/LC_MESSAGES/djangojs.po).
(function () {
  "use strict";
  if (typeof window.gettext !== "function") return;

  const HEADING = /^heading (\d)$/i;
  const ATTRIBUTES = ["title", "aria-label"];

  function translate(text) {
    const trimmed = text.trim();
    if (!trimmed) return text;
    const level = HEADING.exec(trimmed);
    if (level) return window.interpolate(window.gettext("Heading %s"), [level[1]]);
    return window.gettext(trimmed);
  }

  function translateMenubar(menubar) {
    for (const element of menubar.querySelectorAll("[title], [aria-label]")) {
      for (const name of ATTRIBUTES) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        const translated = translate(value);
        if (translated !== value) element.setAttribute(name, translated);
      }
    }
    const walker = document.createTreeWalker(menubar, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // An icon button's text is the icon's ligature name ("format_bold", "title").
      if (node.parentElement.closest(".material-icons")) continue;
      const translated = translate(node.nodeValue);
      if (translated !== node.nodeValue) node.nodeValue = translated;
    }
  }

  let pending = false;
  function translateAll() {
    pending = false;
    document.querySelectorAll(".prose-menubar").forEach(translateMenubar);
  }
  function schedule() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(translateAll);
    }
  }

  // The editor builds its menu after load and rebuilds parts of it as the selection moves.
  new MutationObserver(schedule).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  schedule();
})();
