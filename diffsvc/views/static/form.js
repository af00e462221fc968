// The compare form while a comparison runs, its matching settings and files dropped on it.
// Progressive enhancement only: without this script the form posts as it always did. With it, a second submit (a double click, Enter pressed
// again) is ignored: a browser would abandon the first request for it, and the service would
// compare twice. No inline handlers (the CSP forbids them) and no innerHTML.
(function () {
  "use strict";

  var form = document.querySelector("form.compare-form");
  if (!form) return;
  var button = form.querySelector("[data-compare]");
  var status = form.querySelector("[data-form-status]");
  var started = null;
  var timer = null;

  function show(seconds) {
    if (!status) return;
    // The seconds are hidden from screen readers: the live region says "Comparing…" once
    // instead of once a second.
    var count = document.createElement("span");
    count.setAttribute("aria-hidden", "true");
    count.textContent = " " + seconds + " s";
    status.textContent = "Comparing…";
    status.appendChild(count);
  }

  function reset() {
    started = null;
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    if (button) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
    if (status) status.textContent = "";
    form.removeAttribute("aria-busy");
  }

  form.addEventListener("submit", function (event) {
    if (started !== null) {
      event.preventDefault();
      return;
    }
    started = Date.now();
    form.setAttribute("aria-busy", "true");
    show(0);
    // Disabled only once the submission has started: a button disabled inside its own submit
    // event could leave the browser's form submission without its submitter.
    window.setTimeout(function () {
      if (started === null) return;
      if (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
      }
    }, 0);
    timer = window.setInterval(function () {
      show(Math.floor((Date.now() - started) / 1000));
    }, 1000);
  });

  // Back from the comparison, a page kept in the back/forward cache would still be "comparing".
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) reset();
  });

  // "Reset to defaults" posts the form without JavaScript (the server answers it with the
  // defaults and all else kept); here no round trip is needed, and chosen files stay chosen.
  var reset = form.querySelector("[data-reset-settings]");
  var settingsStatus = form.querySelector("[data-settings-status]");
  if (reset) {
    reset.addEventListener("click", function (event) {
      event.preventDefault();
      form.querySelectorAll("[data-settings] input[data-default]").forEach(function (input) {
        input.value = input.getAttribute("data-default");
        input.removeAttribute("aria-invalid");
      });
      if (settingsStatus) settingsStatus.textContent = "Settings back to their defaults.";
    });
    // Once a setting is changed again, "back to their defaults" is no longer true.
    form.querySelectorAll("[data-settings] input").forEach(function (input) {
      input.addEventListener("input", function () {
        if (settingsStatus) settingsStatus.textContent = "";
      });
    });
  }

  // Drag and drop: a file dropped anywhere on a side becomes that side's chosen file, as if
  // picked with its file input, which stays for keyboard and screen-reader users. A drop that
  // carries no file (text) is left to the browser, which puts it into the textarea. Browsers
  // that cannot fill a file input from a script keep their own behaviour.
  var canFill = false;
  try {
    canFill = typeof DataTransfer === "function" && !!new DataTransfer().items;
  } catch (error) {
    canFill = false;
  }
  var zones = Array.prototype.slice.call(form.querySelectorAll("fieldset.side-input"));

  function carriesFiles(event) {
    var types = event.dataTransfer ? event.dataTransfer.types : null;
    return !!types && Array.prototype.indexOf.call(types, "Files") !== -1;
  }

  function zoneOf(node) {
    return node && node.closest ? node.closest("fieldset.side-input") : null;
  }

  function highlight(zone) {
    zones.forEach(function (other) {
      other.classList.toggle("drop-target", other === zone);
    });
  }

  // Made here, not in the page: without this script nothing can be dropped. Made at load, the
  // status line is in place before the first drop, so screen readers announce what it says;
  // after the file field, not in its label, whose text is the input's name.
  function addLines(field) {
    var hint = document.createElement("small");
    hint.className = "drop-hint";
    // Only for those who can drag; the file input offers the same to everyone.
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "…or drop a file anywhere on this side.";
    var line = document.createElement("p");
    line.className = "drop-status";
    line.setAttribute("role", "status");
    line.setAttribute("data-drop-status", "");
    field.parentNode.insertBefore(line, field.nextSibling);
    field.parentNode.insertBefore(hint, line);
    return line;
  }

  if (canFill) {
    zones.forEach(function (zone) {
      var input = zone.querySelector("input[type=file]");
      if (!input) return;
      var line = addLines(input.closest(".field") || input);

      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        line.textContent = file ? "Chosen file: " + file.name : "";
      });

      zone.addEventListener("drop", function (event) {
        var files = event.dataTransfer ? event.dataTransfer.files : null;
        highlight(null);
        if (!files || files.length === 0) return;
        event.preventDefault();
        var kept = new DataTransfer();
        kept.items.add(files[0]); // the input takes one file
        input.files = kept.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        if (files.length > 1) line.textContent += " (only the first of the files dropped)";
      });
    });

    // Everywhere on the page, a dragged file is either over a side, which takes it, or
    // refused: dropped a little beside the form, it would make the browser leave the page for
    // the file, and the form with all that was typed.
    document.addEventListener("dragover", function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      var zone = zoneOf(event.target);
      event.dataTransfer.dropEffect = zone ? "copy" : "none";
      highlight(zone);
    });
    document.addEventListener("dragleave", function (event) {
      if (!zoneOf(event.relatedTarget)) highlight(null);
    });
    document.addEventListener("drop", function (event) {
      highlight(null);
      if (carriesFiles(event)) event.preventDefault();
    });
    document.addEventListener("dragend", function () {
      highlight(null);
    });
  }

  // A form that came back with an error: move to the message, so it is read first.
  var problem = document.querySelector("[data-form-error]");
  if (problem) problem.focus();
})();
