// The series pages' progressive enhancements; without this script every page works as well:
// - the progress page asks the API how far the series is and reloads once when it is done
//   (without the script, a <noscript> refresh asks for the page every two seconds);
// - the series form adds, removes and reorders versions in place (without the script, those
//   buttons post the form back and the server answers with the rows rearranged), turns files
//   dropped on the form or chosen several at once into one version each, in the order of their
//   names, and ignores a second submit while the first is under way.
// No inline handlers (the CSP forbids them) and no innerHTML.
(function () {
  "use strict";

  // ---- Progress -----------------------------------------------------------------------------
  var progress = document.querySelector("[data-progress]");
  if (progress) {
    var url = progress.getAttribute("data-status-url");
    var bar = progress.querySelector("[data-progress-bar]");
    var words = progress.querySelector("[data-progress-words]");
    var poll = function () {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (response.status === 202) {
            return response.json().then(function (body) {
              if (bar) {
                bar.max = Math.max(1, body.total);
                bar.value = body.done;
              }
              if (words && body.status === "running") {
                words.textContent =
                  "Compared " + body.done + " of " + body.total + " pairs of consecutive versions.";
              }
              window.setTimeout(poll, 1000);
            });
          }
          // Done (200) or failed (a problem): the page itself shows which.
          window.location.reload();
          return null;
        })
        .catch(function () {
          window.setTimeout(poll, 3000);
        });
    };
    window.setTimeout(poll, 500);
  }

  // ---- The form -----------------------------------------------------------------------------
  var form = document.querySelector("[data-series-form]");
  if (!form) return;
  var list = form.querySelector("[data-versions]");
  var count = form.querySelector("[data-count]");
  var dropStatus = form.querySelector("[data-drop-status]");
  var several = form.querySelector("[data-several]");

  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-version]"));
  }

  function button(text, number, attr) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn";
    b.setAttribute(attr[0], attr[1]);
    b.appendChild(document.createTextNode(text));
    var hidden = document.createElement("span");
    hidden.className = "sr-only";
    hidden.textContent = " version " + number;
    b.appendChild(hidden);
    return b;
  }

  // Field names, numbers and buttons follow each row's place: the server reads v0_, v1_, ...
  function renumber() {
    var all = rows();
    all.forEach(function (row, i) {
      row.querySelectorAll("[data-field]").forEach(function (field) {
        field.name = "v" + i + "_" + field.getAttribute("data-field");
      });
      var number = row.querySelector("[data-number]");
      if (number) number.textContent = String(i + 1);
      var actions = row.querySelector(".version-actions");
      while (actions.firstChild) actions.removeChild(actions.firstChild);
      if (i > 0) actions.appendChild(button("Move up", i + 1, ["data-move", "up"]));
      if (i < all.length - 1) actions.appendChild(button("Move down", i + 1, ["data-move", "down"]));
      actions.appendChild(button("Remove", i + 1, ["data-remove", ""]));
    });
    count.value = String(all.length);
  }

  function say(text) {
    if (dropStatus) dropStatus.textContent = text;
  }

  function blankRow() {
    var row = rows()[0].cloneNode(true);
    row.classList.remove("failed");
    row.querySelectorAll("input[type=text], textarea").forEach(function (field) {
      field.value = "";
    });
    row.querySelectorAll("input[type=file]").forEach(function (field) {
      field.value = "";
    });
    row.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("[data-file-again]").forEach(function (note) {
      note.parentNode.removeChild(note);
    });
    return row;
  }

  function addRow() {
    var row = blankRow();
    list.appendChild(row);
    renumber();
    return row;
  }

  function isEmpty(row) {
    var text = row.querySelector("textarea");
    var label = row.querySelector("input[type=text]");
    var file = row.querySelector("input[type=file]");
    return !text.value.trim() && !label.value.trim() && !(file.files && file.files.length);
  }

  form.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target || !form.contains(target)) return;
    var row = target.closest("[data-version]");
    var all = rows();
    if (target.hasAttribute("data-add")) {
      event.preventDefault();
      var added = addRow();
      added.querySelector("input[type=text]").focus();
      say("Version " + rows().length + " added.");
    } else if (row && target.hasAttribute("data-remove")) {
      event.preventDefault();
      var at = all.indexOf(row);
      if (all.length <= 2) {
        // A series needs two versions: emptying the row keeps its place.
        var empty = blankRow();
        list.replaceChild(empty, row);
        renumber();
        say("Version " + (at + 1) + " emptied: a series needs at least two versions.");
        return;
      }
      list.removeChild(row);
      renumber();
      var next = rows()[Math.min(at, rows().length - 1)];
      next.querySelector("input[type=text]").focus();
      say("Version " + (at + 1) + " removed.");
    } else if (row && target.hasAttribute("data-move")) {
      event.preventDefault();
      var up = target.getAttribute("data-move") === "up";
      var i = all.indexOf(row);
      if (up && i > 0) list.insertBefore(row, all[i - 1]);
      if (!up && i < all.length - 1) list.insertBefore(all[i + 1], row);
      renumber();
      var moved = rows().indexOf(row);
      var same = row.querySelector("[data-move=" + (up ? "up" : "down") + "]");
      (same || row.querySelector("button")).focus();
      say("Version " + (i + 1) + " is now version " + (moved + 1) + ".");
    }
  });

  // Several files at once: one version each, in the order of their names, filling empty rows
  // first. Browsers that cannot fill a file input from a script send the several-files field
  // as it is, which the server reads the same way.
  var canFill = false;
  try {
    canFill = typeof DataTransfer === "function" && !!new DataTransfer().items;
  } catch (error) {
    canFill = false;
  }

  function spread(files) {
    var sorted = Array.prototype.slice.call(files).sort(function (a, b) {
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
    var free = rows().filter(isEmpty);
    sorted.forEach(function (file) {
      var row = free.length ? free.shift() : addRow();
      var one = new DataTransfer();
      one.items.add(file);
      var input = row.querySelector("input[type=file]");
      input.files = one.files;
      var note = row.querySelector("[data-file-again]");
      if (note) note.parentNode.removeChild(note);
    });
    say(
      sorted.length +
        (sorted.length === 1 ? " file" : " files") +
        " added, one version each: " +
        sorted
          .map(function (f) {
            return f.name;
          })
          .join(", ") +
        "."
    );
  }

  if (canFill) {
    if (several) {
      several.addEventListener("change", function () {
        if (!several.files || !several.files.length) return;
        spread(several.files);
        several.value = ""; // sent once, as the rows' files
      });
    }
    var carriesFiles = function (event) {
      var types = event.dataTransfer ? event.dataTransfer.types : null;
      return !!types && Array.prototype.indexOf.call(types, "Files") !== -1;
    };
    document.addEventListener("dragover", function (event) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      var inside = form.contains(event.target);
      event.dataTransfer.dropEffect = inside ? "copy" : "none";
      form.classList.toggle("dragging", inside);
    });
    document.addEventListener("dragleave", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) form.classList.remove("dragging");
    });
    document.addEventListener("drop", function (event) {
      form.classList.remove("dragging");
      if (!carriesFiles(event)) return;
      event.preventDefault(); // never leave the page for a file dropped beside the form
      if (!form.contains(event.target)) return;
      var files = event.dataTransfer.files;
      if (files && files.length) spread(files);
    });
  }

  // One submission at a time; the buttons that rearrange rows without the script are handled
  // above and never submit while it runs.
  var sending = false;
  var submit = form.querySelector("[data-compare]");
  var status = form.querySelector("[data-form-status]");
  form.addEventListener("submit", function (event) {
    if (sending) {
      event.preventDefault();
      return;
    }
    sending = true;
    form.setAttribute("aria-busy", "true");
    if (status) status.textContent = "Reading and comparing the versions…";
    window.setTimeout(function () {
      if (submit) submit.disabled = true;
    }, 0);
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    sending = false;
    form.removeAttribute("aria-busy");
    if (submit) submit.disabled = false;
    if (status) status.textContent = "";
  });

  renumber();
  var problem = document.querySelector("[data-form-error]");
  if (problem) problem.focus();
})();
