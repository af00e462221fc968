// diffsvc page behaviour. Progressive enhancement only: every control is a link or a form that
// works without this script (each view, filter and place has its own URL, and Next/Previous ask
// the server); the script makes them instant and keeps the URL in step with what is shown.
// No inline handlers (the CSP forbids them) and no innerHTML: user text is never re-parsed.
(function () {
  "use strict";

  var body = document.body;
  var position = -1;

  function panel() {
    return document.querySelector("[data-view-panel]");
  }

  function searchable(text) {
    // As the server folds it (diffsvc.views.comparison.searchable): compatibility forms, case.
    return text.normalize("NFKC").toLowerCase();
  }

  function checkedKinds() {
    return Array.prototype.map.call(document.querySelectorAll("[data-filters] input[name=kind]:checked"), function (box) {
      return box.value;
    });
  }

  function query() {
    var box = document.getElementById("change-search");
    return box ? box.value.trim().split(/\s+/).join(" ") : "";
  }

  // The same rule as the server's: a change stops Next/Previous unless a hidden kind, a kind
  // filter or the search leaves it out.
  function stops(row) {
    if (!row.hasAttribute("data-change")) return false;
    var cls = row.classList;
    if (body.classList.contains("hide-editorial") && cls.contains("editorial") && !cls.contains("moved") && !cls.contains("renumbered")) {
      return false;
    }
    if (body.classList.contains("hide-routine") && cls.contains("routine")) return false;
    var kinds = checkedKinds();
    if (kinds.length) {
      var own = (row.getAttribute("data-kinds") || "").split(" ");
      if (!kinds.some(function (k) { return own.indexOf(k) >= 0; })) return false;
    }
    var q = query();
    if (q) {
      var texts = Array.prototype.map.call(row.querySelectorAll(".clause-text"), function (t) { return t.textContent; });
      if (searchable(texts.join("\n")).indexOf(searchable(q)) < 0) return false;
    }
    return true;
  }

  function rows() {
    var view = panel();
    return view ? Array.prototype.slice.call(view.querySelectorAll(".row[data-change]")) : [];
  }

  function stopRows() {
    return rows().filter(function (row) { return row.classList.contains("stop"); });
  }

  // Re-mark rows and list items after the reader changed a filter, the search or a toggle.
  function refilter() {
    var all = rows();
    var shown = 0;
    all.forEach(function (row) {
      var on = stops(row);
      row.classList.toggle("stop", on);
      row.classList.toggle("filtered-out", !on);
      var item = document.querySelector('.change-item[data-anchor="' + row.id.split("-").pop() + '"]');
      if (item) {
        var listed = on;
        item.classList.toggle("filtered-out", !listed);
      }
      if (on) shown += 1;
    });
    var status = document.querySelector("[data-list-status]");
    if (status) status.textContent = shown + " of " + document.querySelectorAll(".change-item").length + " changes on this page";
    position = -1;
    updateStatus();
    syncUrl();
  }

  function updateStatus() {
    var status = document.querySelector("[data-nav-status]");
    if (!status) return;
    var total = stopRows().length;
    status.textContent = position >= 0 ? "Change " + (position + 1) + " of " + total : total + (total === 1 ? " change" : " changes");
  }

  // The state the URL carries, applied to a link: editorial, routine, kind, q and at.
  function withState(href, keepAt) {
    var url = new URL(href, window.location.href);
    var params = url.searchParams;
    params.delete("editorial");
    params.delete("routine");
    params.delete("kind");
    params.delete("q");
    if (body.classList.contains("hide-editorial")) params.set("editorial", "hide");
    if (body.classList.contains("hide-routine")) params.set("routine", "hide");
    checkedKinds().forEach(function (k) { params.append("kind", k); });
    if (query()) params.set("q", query());
    var current = document.querySelector(".row.current");
    if (keepAt && current && params.has("at")) params.set("at", current.id.split("-").pop());
    return url.pathname + "?" + params.toString() + url.hash;
  }

  function syncUrl() {
    var here = withState(window.location.href, true);
    window.history.replaceState(window.history.state, "", here);
    var permalink = document.getElementById("permalink");
    if (permalink) permalink.value = new URL(here, window.location.href).href;
    document.querySelectorAll("a[data-state-link]").forEach(function (link) {
      var href = link.getAttribute("href");
      var toggle = link.getAttribute("data-toggle");
      var url = withState(href, true);
      if (toggle) {
        // A toggle's link leads to the other state: flip its own parameter back.
        var flipped = new URL(url, window.location.href);
        if (body.classList.contains("hide-" + toggle)) flipped.searchParams.delete(toggle);
        else flipped.searchParams.set(toggle, "hide");
        url = flipped.pathname + "?" + flipped.searchParams.toString();
      }
      link.setAttribute("href", url);
    });
  }

  function select(row, scroll) {
    document.querySelectorAll(".row.current, .change-item.current").forEach(function (el) {
      el.classList.remove("current");
    });
    var details = row.closest("details");
    if (details) details.open = true;
    row.classList.add("current");
    var anchor = row.id.split("-").pop();
    var item = document.querySelector('.change-item[data-anchor="' + anchor + '"]');
    if (item) {
      item.classList.add("current");
      var list = item.closest("[data-changelist]");
      if (list && list.scrollHeight > list.clientHeight) item.scrollIntoView({ block: "nearest" });
    }
    if (scroll) row.scrollIntoView({ block: "start" });
    var url = new URL(window.location.href);
    url.searchParams.set("at", anchor);
    url.searchParams.delete("page");
    url.hash = row.id;
    window.history.replaceState(window.history.state, "", url.pathname + "?" + url.searchParams.toString() + url.hash);
    document.querySelectorAll("a[data-view]").forEach(function (tab) {
      var target = new URL(tab.getAttribute("href"), window.location.href);
      target.searchParams.set("at", anchor);
      target.hash = tab.getAttribute("data-view") + "-" + anchor;
      tab.setAttribute("href", target.pathname + "?" + target.searchParams.toString() + target.hash);
    });
    syncUrl();
  }

  function go(step) {
    var list = stopRows();
    var current = document.querySelector(".row.current");
    var at = current ? list.indexOf(current) : -1;
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step;
    var paged = document.querySelector(".pager");
    if (list.length && next >= 0 && next < list.length) {
      position = next;
    } else if (paged || !list.length) {
      // Past this page's changes: the server knows where the next one is.
      var link = document.querySelector('[data-nav="' + (step > 0 ? "next" : "prev") + '"]');
      var url = new URL(link.getAttribute("href"), window.location.href);
      var origin = current ? current.id.split("-").pop() : "";
      url.searchParams.set(step > 0 ? "after" : "before", origin);
      window.location.assign(url.href);
      return;
    } else {
      position = (next + list.length) % list.length;
    }
    select(list[position], true);
    updateStatus();
  }

  function toggle(link) {
    var name = link.getAttribute("data-toggle");
    var on = !body.classList.contains("hide-" + name);
    body.classList.toggle("hide-" + name, on);
    link.setAttribute("aria-pressed", on ? "true" : "false");
    refilter();
  }

  function drawer(open) {
    var list = document.querySelector("[data-changelist]");
    var button = document.querySelector("[data-drawer]");
    if (!list || !button) return;
    list.classList.toggle("open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var search = document.getElementById("change-search");
      if (search) search.focus();
    } else {
      button.focus();
    }
  }

  function narrow() {
    var button = document.querySelector("[data-drawer]");
    return button && button.offsetParent !== null;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    // An open menu closes when the reader clicks anywhere else, as menus do.
    var menu = document.querySelector("details.menu[open]");
    if (menu && target && !menu.contains(target)) menu.open = false;
    if (!target || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var nav = target.closest("[data-nav]");
    if (nav) {
      event.preventDefault();
      go(nav.getAttribute("data-nav") === "next" ? 1 : -1);
      return;
    }
    var flip = target.closest("[data-toggle]");
    if (flip) {
      event.preventDefault();
      toggle(flip);
      return;
    }
    if (target.closest("[data-drawer]")) {
      event.preventDefault();
      drawer(true);
      return;
    }
    if (target.closest("[data-drawer-close]")) {
      event.preventDefault();
      drawer(false);
      return;
    }
    var item = target.closest(".change-item a");
    if (item) {
      var row = document.getElementById(item.getAttribute("href").slice(1));
      if (row) {
        event.preventDefault();
        if (narrow()) drawer(false);
        select(row, true);
        position = stopRows().indexOf(row);
        updateStatus();
        row.setAttribute("tabindex", "-1");
        row.focus({ preventScroll: true });
      }
      return;
    }
    var moved = target.closest("a.moved-link");
    if (moved) {
      var dest = document.getElementById(moved.getAttribute("href").slice(1));
      if (dest) {
        var closed = dest.closest("details");
        if (closed) closed.open = true;
        document.querySelectorAll(".row.current").forEach(function (r) { r.classList.remove("current"); });
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

  document.addEventListener("input", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-filters]")) refilter();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-filters]")) refilter();
  });
  document.addEventListener("submit", function (event) {
    // The filters already apply as they change; submitting only closes the drawer.
    if (event.target instanceof Element && event.target.closest("[data-filters]") && !document.querySelector(".pager")) {
      event.preventDefault();
      refilter();
      if (narrow()) drawer(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    // Links that act as buttons (the toggles) answer the space bar as buttons do.
    var target = event.target instanceof Element ? event.target : null;
    if (event.key === " " && target && target.matches('a[role="button"]')) {
      event.preventDefault();
      target.click();
      return;
    }
    if (event.key === "Escape") {
      var menu = document.querySelector("details.menu[open]");
      if (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
        return;
      }
      var list = document.querySelector("[data-changelist].open");
      if (list) drawer(false);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var el = document.activeElement;
    if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)) return;
    if (!panel()) return;
    if (event.key === "j" || event.key === "n") go(1);
    else if (event.key === "k" || event.key === "p") go(-1);
  });

  // The sticky head's real height, so column heads sit under it and anchors land below it.
  function measureHead() {
    var head = document.querySelector("[data-head]");
    if (head) document.documentElement.style.setProperty("--head-h", head.getBoundingClientRect().height + "px");
  }

  function init() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
    var button = document.querySelector("[data-drawer]");
    if (button) {
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("role", "button");
    }
    measureHead();
    if (window.ResizeObserver) {
      var head = document.querySelector("[data-head]");
      if (head) new ResizeObserver(measureHead).observe(head);
    }
    var at = new URL(window.location.href).searchParams.get("at");
    var row = at && document.getElementById((panel() ? panel().getAttribute("data-view-panel") : "side") + "-" + at);
    if (row) {
      row.classList.add("current");
      position = stopRows().indexOf(row);
      var item = document.querySelector('.change-item[data-anchor="' + at + '"]');
      if (item) item.classList.add("current");
    }
    updateStatus();
    document.documentElement.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
