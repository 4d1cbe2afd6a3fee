// Autosave on the live minutes page. Each minute's form is sent a few seconds
// after typing stops, and when the officer leaves a box, with the version it
// began from; without JavaScript its Save button sends the same fields. The
// server decides: when someone else saved the minute first, nothing is saved,
// the officer's text stays in the boxes, the other version is shown and
// autosave waits until the officer presses Save. Changes are heard through
// `input` and `change` in the capture phase, so a rich-text editor that keeps
// the textarea in step and dispatches `input` on it (bubbling or not) counts.
(function () {
  "use strict";

  var DELAY = 2500;
  var RETRY = 10000;
  var FIELDS = ["narrative", "taken_at", "preamble", "clauses"];
  var states = [];

  function setUp(form) {
    var status = form.querySelector("[data-autosave-status]");
    var conflict = form.parentNode.querySelector("[data-conflict]");
    var version = form.elements.namedItem("version");
    var state = { timer: null, busy: false, again: false, held: false, dirty: false };
    var takenNow = false;
    states.push(state);

    function say(text, kind) {
      status.setAttribute("data-state", kind || "saved");
      if (status.textContent !== text) status.textContent = text;
    }

    function field(name) {
      return form.elements.namedItem(name);
    }

    function snapshot() {
      return FIELDS.map(function (name) {
        var box = field(name);
        return box ? box.value : "";
      }).join("\u0000");
    }

    function schedule(delay) {
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(save, delay);
    }

    function changed(event) {
      if (event.target === version) return;
      state.dirty = true;
      if (!state.held) schedule(DELAY);
    }

    function read(response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.redirected || type.indexOf("application/json") === -1) {
        return { status: response.status, redirected: response.redirected, body: null };
      }
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    }

    function unsaved(answer) {
      if (answer.redirected) {
        return "Not saved: you have been signed out. Copy your text, sign in again in another tab, then press Save.";
      }
      if (answer.status === 403) {
        return "Not saved: the page is out of date or you may no longer edit these minutes. Copy your text, then reload the page.";
      }
      return "Not saved: the server could not save the minute (" + answer.status + "). Your text is still here; press Save to try again.";
    }

    function settle(answer, sent, takenSent) {
      var body = answer.body;
      if (answer.status === 200 && body) {
        version.value = body.version;
        var taken = field("taken_at");
        if (taken && taken.value === takenSent && body.taken_at) taken.value = body.taken_at;
        conflict.hidden = true;
        if (snapshot() !== sent) state.dirty = true; // typed while it was sent
        say(body.message, body.resolution_saved ? "saved" : "unsaved");
      } else if (answer.status === 409 && body) {
        version.value = body.version; // the next Save is made knowing theirs
        conflict.innerHTML = body.html;
        conflict.hidden = false;
        state.held = true;
        state.dirty = true;
        say(body.message, "conflict");
      } else {
        state.dirty = true;
        say(body && body.message ? body.message : unsaved(answer), "unsaved");
      }
    }

    function save() {
      window.clearTimeout(state.timer);
      if (state.busy) {
        state.again = true;
        return;
      }
      state.busy = true;
      state.dirty = false;
      var sent = snapshot();
      var takenSent = field("taken_at") ? field("taken_at").value : "";
      var data = new FormData(form);
      if (takenNow) data.append("taken_now", "1");
      takenNow = false;
      fetch(form.getAttribute("data-autosave"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(read)
        .then(function (answer) {
          settle(answer, sent, takenSent);
        })
        .catch(function () {
          state.dirty = true;
          say(
            "Not saved: the connection failed. Your text is still here; it is sent again in a few seconds, or press Save.",
            "unsaved"
          );
          if (!state.held) schedule(RETRY);
        })
        .then(function () {
          state.busy = false;
          if (state.again && !state.held) {
            state.again = false;
            schedule(DELAY); // typed while the last save was on its way
          }
        });
    }

    form.addEventListener("input", changed, true);
    form.addEventListener("change", changed, true);
    form.addEventListener("focusout", function () {
      if (state.dirty && !state.held) schedule(0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (event.submitter && event.submitter.name === "taken_now") takenNow = true;
      state.held = false; // pressing Save is the officer's own decision
      save();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), setUp);

  window.addEventListener("beforeunload", function (event) {
    var waiting = states.some(function (state) {
      return state.dirty || state.busy;
    });
    if (waiting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
