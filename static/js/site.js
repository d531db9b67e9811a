// Progressive enhancement only: every page works without this file.
for (const button of document.querySelectorAll("[data-copy-url]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const status = button.nextElementSibling;
    try {
      await navigator.clipboard.writeText(button.dataset.copyUrl);
      if (status) status.textContent = status.dataset.copiedText || "";
    } catch {
      if (status) status.textContent = button.dataset.copyUrl;
    }
  });
}

// Remember a language picked in the switcher, so that "/" opens it next time.
// The cookie name and lifetime match LANGUAGE_COOKIE_NAME and LANGUAGE_COOKIE_AGE.
for (const link of document.querySelectorAll(".lang-switcher a[data-lang]")) {
  link.addEventListener("click", () => {
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `language=${link.dataset.lang}; path=/; max-age=31536000; samesite=lax${secure}`;
  });
}

// The header's menu is a <details> that CSS lays open on wide screens; a browser without
// ::details-content cannot, so it is opened there instead.
const menu = document.querySelector(".site-menu");
if (menu && !CSS.supports("selector(::details-content)")) {
  const wide = matchMedia("(min-width: 48em)");
  const follow = () => {
    menu.open = wide.matches;
  };
  follow();
  wide.addEventListener("change", follow);
}
