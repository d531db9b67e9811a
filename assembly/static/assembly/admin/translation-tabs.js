// Marks the language tabs (built by modeltranslation) whose fields are all empty, and keeps
// the mark current while the editor types.
"use strict";
(function () {
  function isEmpty(field) {
    if (field.type === "hidden" && !field.closest(".prose-editor")) return true;
    const value = (field.value || "").replace(/<[^>]*>/g, "").trim();
    return value === "";
  }

  function emptyLabel() {
    const holder = document.getElementById("translation-tab-labels");
    return holder ? holder.dataset.emptyLabel : "";
  }

  function update(tab) {
    const link = tab.querySelector("a[href^='#']");
    if (!link) return;
    const panel = document.getElementById(link.getAttribute("href").slice(1));
    if (!panel) return;
    const fields = panel.querySelectorAll("input:not([type=checkbox]):not([type=file]), textarea");
    const empty = Array.from(fields).every(isEmpty);
    tab.classList.toggle("translation-tab--empty", empty);
    let label = link.querySelector(".translation-tab__empty-label");
    if (empty && !label) {
      label = document.createElement("span");
      label.className = "translation-tab__empty-label";
      label.textContent = " (" + emptyLabel() + ")";
      link.appendChild(label);
    } else if (!empty && label) {
      label.remove();
    }
  }

  function updateAll() {
    document.querySelectorAll(".ui-tabs-nav li").forEach(update);
  }

  function start() {
    updateAll();
    document.addEventListener("input", function (event) {
      const panel = event.target.closest(".ui-tabs-panel");
      if (!panel) return;
      document
        .querySelectorAll(".ui-tabs-nav li a[href='#" + panel.id + "']")
        .forEach(function (link) {
          update(link.closest("li"));
        });
    });
    // The rich text editor writes to its hidden textarea without an input event.
    document.addEventListener("focusout", updateAll);
  }

  // modeltranslation builds the tabs in a jQuery ready handler; a handler added later runs
  // after it.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.django && window.django.jQuery) {
      window.django.jQuery(start);
    } else {
      start();
    }
  });
})();
