// diffsvc page behaviour. Progressive enhancement only: every control is a link that works
// without this script (each view and filter has its own URL); the script makes them instant.
// No inline handlers (the CSP forbids them) and no innerHTML: user text is never re-parsed.
(function () {
  "use strict";

  var VIEWS = ["side", "inline", "changes"];

  function currentView() {
    var panel = document.querySelector("[data-view-panel]:not([hidden])");
    return panel ? panel.getAttribute("data-view-panel") : "side";
  }

  function setQuery(href, key, value) {
    var url = new URL(href, window.location.href);
    if (value === null) {
      url.searchParams.delete(key);
    } else {
      url.searchParams.set(key, value);
    }
    return url.pathname + url.search + url.hash;
  }

  function viewFromUrl() {
    var url = new URL(window.location.href);
    var last = url.pathname.split("/").pop();
    return VIEWS.indexOf(last) >= 0 ? last : url.searchParams.get("view") || "side";
  }

  function showView(name, pushUrl) {
    if (VIEWS.indexOf(name) < 0) return;
    document.querySelectorAll("[data-view-panel]").forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-view-panel") !== name;
    });
    document.querySelectorAll("a[data-view]").forEach(function (tab) {
      var on = tab.getAttribute("data-view") === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      if (on) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    });
    position = -1;
    updateStatus();
    if (pushUrl) window.history.pushState({ view: name }, "", pushUrl);
  }

  // Next / previous change within the visible view.
  var position = -1;

  function changes() {
    var panel = document.querySelector("[data-view-panel]:not([hidden])");
    if (!panel) return [];
    var hideEditorial = document.body.classList.contains("hide-editorial");
    return Array.prototype.filter.call(panel.querySelectorAll("[data-change]"), function (row) {
      // An editorial row that also moved or was renumbered is still a change to step to.
      if (hideEditorial && row.classList.contains("editorial") && !row.classList.contains("moved") &&
          !row.classList.contains("renumbered")) {
        return false;
      }
      return row.offsetParent !== null || row.closest("details") !== null;
    });
  }

  function updateStatus() {
    var status = document.querySelector("[data-nav-status]");
    if (!status) return;
    var total = changes().length;
    status.textContent =
      position >= 0 ? "Change " + (position + 1) + " of " + total : total + (total === 1 ? " change" : " changes");
  }

  function go(step) {
    var rows = changes();
    if (!rows.length) return;
    position = position < 0 ? (step > 0 ? 0 : rows.length - 1) : (position + step + rows.length) % rows.length;
    document.querySelectorAll(".row.current").forEach(function (row) {
      row.classList.remove("current");
    });
    var row = rows[position];
    var details = row.closest("details");
    if (details) details.open = true;
    row.classList.add("current");
    row.scrollIntoView({ block: "center" });
    window.history.replaceState(window.history.state, "", "#" + row.id);
    updateStatus();
  }

  function toggleEditorial(link) {
    var hide = !document.body.classList.contains("hide-editorial");
    document.body.classList.toggle("hide-editorial", hide);
    link.setAttribute("aria-pressed", hide ? "true" : "false");
    link.textContent = hide ? "Show editorial changes" : "Hide editorial changes";
    var value = hide ? "hide" : null;
    document.querySelectorAll("a[data-view]").forEach(function (tab) {
      tab.setAttribute("href", setQuery(tab.getAttribute("href"), "editorial", value));
    });
    link.setAttribute("href", setQuery(link.getAttribute("href"), "editorial", hide ? null : "hide"));
    window.history.replaceState(window.history.state, "", setQuery(window.location.href, "editorial", value));
    position = -1;
    updateStatus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    var tab = target.closest("a[data-view]");
    if (tab) {
      event.preventDefault();
      showView(tab.getAttribute("data-view"), tab.getAttribute("href"));
      return;
    }
    var nav = target.closest("[data-nav]");
    if (nav) {
      event.preventDefault();
      go(nav.getAttribute("data-nav") === "next" ? 1 : -1);
      return;
    }
    var toggle = target.closest("[data-editorial-toggle]");
    if (toggle) {
      event.preventDefault();
      toggleEditorial(toggle);
      return;
    }
    var lang = target.closest("[data-lang-anchor]");
    if (lang) {
      event.preventDefault();
      var section = document.getElementById(currentView() + "-" + lang.getAttribute("data-lang-anchor"));
      if (section) section.scrollIntoView({ block: "start" });
      return;
    }
    var moved = target.closest("a.moved-link");
    if (moved) {
      var dest = document.getElementById(moved.getAttribute("href").slice(1));
      if (dest) {
        var closed = dest.closest("details");
        if (closed) closed.open = true;
        document.querySelectorAll(".row.current").forEach(function (row) {
          row.classList.remove("current");
        });
        dest.classList.add("current");
      }
      return;
    }
    var copy = target.closest("[data-copy]");
    if (copy) {
      var input = document.getElementById(copy.getAttribute("data-copy"));
      input.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(function () {
          copy.textContent = "Copied";
        }, function () {
          copy.textContent = "Press Ctrl+C";
        });
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var el = document.activeElement;
    if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable)) return;
    if (!document.querySelector("[data-view-panel]")) return;
    if (event.key === "j" || event.key === "n") go(1);
    else if (event.key === "k" || event.key === "p") go(-1);
  });

  window.addEventListener("popstate", function () {
    showView(viewFromUrl(), null);
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
    updateStatus();
  });
})();
