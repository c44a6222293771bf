/* The guide's page script: small jobs Voila does not do for a patient-facing page.
   1. When the visitor's kernel is gone (idle cull, restart, server stopped), show a banner with Reload
      on the next interaction, instead of widgets that silently do nothing (Voila has no such UI).
   2. Say so while a dropped connection is being opened again (frontend/src/kernel.js).
      When the guide could not load at all (its connection refused or dropped before the kernel answered, or
      no answer after STALLED_MS), show the page's note saying so, instead of "loading" for ever.
   3. Keep <html lang> and the banner's words in the visitor's language (the welcome writes them as data
      attributes for every language, then the app's header for the visitor's).
   4. Give each slider handle the name of its label, so screen readers announce what it controls.
   5. Open the print window when the handout's Print button has filled the print area with a new number
      (views/takehome.py): the kernel never sends a script.
   6. A step's source name (views/page.py) opens the Sources page if it is closed, then shows and focuses
      the entry it names (the entries exist only once the kernel has drawn the page).
   7. Take `interactive=1` (the readable page's sign, for a browser that keeps no cookies: front_door.py) out of
      the address bar, so a link the parent copies or bookmarks is the plain one.
   8. Say which of a row of choice buttons (yes/no, °C/°F, whose skin) is chosen: ipywidgets shows it by colour
      only, so a screen reader heard "Yes, button" either way. Each is a toggle (aria-pressed) in a named group.
   9. Let the pocket picture ease from one stage into the next (unless the visitor asks for reduced motion).
   No network request leaves this server. */
(function () {
  "use strict";

  var CHECK_EVERY_MS = 1500; // at most one kernel check per 1.5 s of interaction
  // A busy server starts a kernel and sends the page within a few seconds (make bench, tools/load.py); a page
  // whose kernel has still not answered after this long is stuck (a proxy that holds the websocket open without
  // passing it on).
  var STALLED_MS = 30000;
  // A reconnection that takes longer than this is worth a word (a quicker one would only flash past).
  var SAY_RECONNECTING_AFTER_MS = 1000;

  function config() {
    var node = document.getElementById("jupyter-config-data");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }

  var settings = config();
  var baseUrl = settings.baseUrl || "/";
  var kernelId = settings.kernelId;
  var lastCheck = 0;
  var gone = false;

  function showGone() {
    if (gone) { return; }
    gone = true;
    var banner = document.getElementById("mk-gone");
    if (banner) { banner.hidden = false; }
    var reload = document.getElementById("mk-reload");
    if (reload) { reload.focus(); }
  }

  function checkKernel() {
    var now = Date.now();
    if (gone || !kernelId || now - lastCheck < CHECK_EVERY_MS) { return; }
    lastCheck = now;
    fetch(baseUrl + "api/kernels/" + encodeURIComponent(kernelId), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 404 || response.status === 410) { showGone(); return null; }
        return response.ok ? response.json() : null;
      })
      .then(function (kernel) { if (kernel && kernel.execution_state === "dead") { showGone(); } })
      .catch(function () {}); // no answer: offline for a moment, or the server is gone; kernel.js tells which
  }

  // A status region is read out when its words change, so it stays on the page, empty when there is no news.
  var reconnectingNote = null;
  function sayReconnecting(on) {
    var note = document.getElementById("mk-reconnecting");
    window.clearTimeout(reconnectingNote);
    if (!note) { return; }
    if (!on) { note.textContent = ""; return; }
    reconnectingNote = window.setTimeout(function () {
      note.textContent = reconnecting && !gone ? note.getAttribute("data-mk-words") || "" : "";
    }, SAY_RECONNECTING_AFTER_MS);
  }

  // The guide works once its kernel has answered (widgets.js: `data-mk-synced`). It is drawn before that, from the
  // states written into the page: drawn controls whose kernel never answers are a guide that did not load.
  function guideWorks() { return document.body.hasAttribute("data-mk-synced"); }

  // The note for a guide that could not load (welcome.py writes it, in every language). A note shown because
  // the page was slow goes again if the guide is drawn after all; one for a refused connection stays.
  // A note that widgets.js showed for a part that failed (data-mk-error) stays.
  var stalledNote = false;
  function showProblem(stalled) {
    var note = document.getElementById("mk-page-problem");
    if (!note || guideWorks()) { return; }
    stalledNote = note.hidden ? stalled : stalledNote && stalled;
    note.hidden = false;
  }
  function hideStalledNote() {
    var note = document.getElementById("mk-page-problem");
    if (stalledNote && note && guideWorks() && !note.hasAttribute("data-mk-error")) { note.hidden = true; }
    if (guideWorks()) { stalledNote = false; }
  }
  window.setTimeout(function () { showProblem(true); }, STALLED_MS);

  // The page's kernel client (frontend/src/kernel.js) says when the kernel was lost (a restarted kernel keeps
  // its id but has lost the guide's widgets) or its websocket closed for good (server stopped, the kernel
  // culled, a proxy refusing the websocket; a dropped one is first opened again, for about 30 s). Either way
  // the controls can no longer reach the kernel: offer Reload at once; before the guide was drawn, say that it
  // did not load (nothing was idle). While it reconnects, an unreachable server is left for it to judge.
  var reconnecting = false;
  function kernelNews(state) {
    reconnecting = state === "reconnecting";
    sayReconnecting(reconnecting);
    if (state === "lost" || state === "closed") {
      if (guideWorks()) { showGone(); } else { showProblem(false); }
    }
  }
  document.addEventListener("mk-kernel", function (event) { kernelNews(event.detail && event.detail.state); });
  if (window.mkKernelState) { kernelNews(window.mkKernelState); } // news from before this deferred script ran

  ["pointerdown", "keydown", "change", "focusin"].forEach(function (name) {
    document.addEventListener(name, checkKernel, true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { lastCheck = 0; checkKernel(); }
  });

  document.addEventListener("click", function (event) {
    if (event.target && event.target.id === "mk-reload") { window.location.reload(); }
    var copy = event.target && event.target.closest && event.target.closest(".mk-copy-note");
    if (copy) { copyNote(copy); }
    var source = event.target && event.target.closest && event.target.closest("a.mk-source-link");
    if (source) { event.preventDefault(); showSource(source.getAttribute("href").slice(1)); }
  });

  if (window.URL && window.history && history.replaceState) {
    var here = new URL(window.location.href);
    if (here.searchParams.has("interactive")) {
      here.searchParams.delete("interactive");
      history.replaceState(history.state, "", here.pathname + here.search + here.hash);
    }
  }

  var SOURCE_WAIT_MS = 10000; // the kernel draws the Sources page within a second; give up quietly after this
  function showSource(id) {
    var toggle = document.querySelector(".mk-sources-toggle");
    var entry = document.getElementById(id);
    if (!entry && toggle && !toggle.classList.contains("mod-active")) { toggle.click(); }
    var started = Date.now();
    (function focusWhenThere() {
      var found = document.getElementById(id);
      if (found) {
        found.scrollIntoView({ block: "center" });
        found.focus({ preventScroll: true });
      } else if (Date.now() - started < SOURCE_WAIT_MS) {
        window.requestAnimationFrame(focusWhenThere);
      }
    })();
  }

  // The education note's Copy button: the clipboard API where the page is a secure context (localhost,
  // https), else select the note and use the older copy command (a clinic's plain-http network).
  function copyNote(button) {
    var box = button.closest(".mk-education-note");
    var note = box && box.querySelector(".mk-note-text");
    if (!note) { return; }
    var done = function () { button.setAttribute("data-copied", "true"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(note.textContent).then(done, function () { selectAndCopy(note); done(); });
    } else { selectAndCopy(note); done(); }
  }
  function selectAndCopy(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { document.execCommand("copy"); } catch (e) { /* the note stays selected for Ctrl-C */ }
  }

  // When the visitor leaves, ask the server to shut their kernel down now rather than at the idle cull.
  // Voila's own goodbye beacon carries no XSRF token and is refused (voila issue #1458). This one sends the
  // same random token as a cookie and a form field (the double-submit pattern tornado checks): the XSRF
  // check stays on, and another site still cannot forge the request, since it cannot set our cookie.
  function sayGoodbye() {
    if (!kernelId || gone || !navigator.sendBeacon || !window.crypto) { return; }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var token = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    document.cookie = "_xsrf=" + token + "; path=" + baseUrl + "; SameSite=Strict";
    var form = new FormData();
    form.append("_xsrf", token);
    navigator.sendBeacon(baseUrl + "voila/api/shutdown/" + encodeURIComponent(kernelId), form);
    gone = true;
  }
  window.addEventListener("pagehide", sayGoodbye);
  // Back from the browser's page cache after that goodbye: the kernel is gone, so say so.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { gone = false; lastCheck = 0; checkKernel(); }
  });

  // The page's words: from the app's header once the guide is drawn (its language is the visitor's choice),
  // before that from the welcome's block in the language the link asked for (the page head set <html lang>).
  function wordsSource() {
    var header = document.querySelector(".mk-header[data-mk-lang]");
    if (header) { return header; }
    var welcomes = Array.prototype.slice.call(document.querySelectorAll(".mk-welcome-lang[data-mk-gone]"));
    var lang = document.documentElement.lang;
    return welcomes.filter(function (node) { return node.getAttribute("lang") === lang; })[0] || welcomes[0] || null;
  }

  function followLanguage() {
    var header = wordsSource();
    if (!header) { return; }
    var lang = header.getAttribute("data-mk-lang");
    if (lang && document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    [["mk-gone-text", "data-mk-gone"], ["mk-reload", "data-mk-reload"]].forEach(function (pair) {
      var node = document.getElementById(pair[0]);
      var words = header.getAttribute(pair[1]);
      if (node && words && node.textContent !== words) { node.textContent = words; }
    });
    var status = document.getElementById("mk-reconnecting"); // its words are kept until there is news to say
    var statusWords = header.getAttribute("data-mk-reconnecting");
    if (status && statusWords && status.getAttribute("data-mk-words") !== statusWords) {
      status.setAttribute("data-mk-words", statusWords);
      if (status.textContent) { status.textContent = statusWords; }
    }
    var skip = document.querySelector(".mk-skip");
    var skipWords = header.getAttribute("data-mk-skip");
    if (skip && skipWords && skip.textContent !== skipWords) { skip.textContent = skipWords; }
  }

  // Voila moves the notebook's output into its own #main panel: that is the page's main landmark.
  // ipywidgets writes title="null" on labels without a tooltip, which browsers show on hover as "null".
  function tidyLandmarksAndLabels() {
    var main = document.getElementById("main");
    if (main && main.getAttribute("role") !== "main") { main.setAttribute("role", "main"); main.setAttribute("tabindex", "-1"); }
    document.querySelectorAll('[title="null"]').forEach(function (node) { node.removeAttribute("title"); });
  }

  function nameSliders() {
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var handle = slider.querySelector(".noUi-handle[role=slider]");
      if (!label || !handle) { return; }
      var name = label.textContent.trim();
      if (name && handle.getAttribute("aria-label") !== name) { handle.setAttribute("aria-label", name); }
      var value = slider.parentElement && slider.parentElement.querySelector(".mk-value");
      var valueText = value ? value.textContent.trim() : "";
      if (valueText && handle.getAttribute("aria-valuetext") !== valueText) { handle.setAttribute("aria-valuetext", valueText); }
    });
  }

  function sayWhichIsChosen() {
    document.querySelectorAll(".widget-toggle-buttons").forEach(function (row) {
      var label = row.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      if (row.getAttribute("role") !== "group") { row.setAttribute("role", "group"); }
      if (name && row.getAttribute("aria-label") !== name) { row.setAttribute("aria-label", name); }
      row.querySelectorAll(".widget-toggle-button").forEach(function (button) {
        var pressed = button.classList.contains("mod-active") ? "true" : "false";
        if (button.getAttribute("aria-pressed") !== pressed) { button.setAttribute("aria-pressed", pressed); }
      });
    });
  }

  // The pocket picture changes smoothly: when the kernel sends a new picture, the old one stays on top of it
  // for a moment and fades out (guide.css .mk-pocket-fade), so a stage eases into the next instead of
  // jumping. Not for a visitor whose system asks for reduced motion: the new picture just appears. Not while
  // the visitor scrubs either (a change within FADE_MS of the last): there the picture follows the slider at
  // once, as a blur of overlapping copies would not, and the browser paints one picture per frame, not two.
  var calm = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: true };
  var FADE_MS = 400; // guide.css's animation is shorter: this also clears a fade whose animation never ran
  var lastChange = -Infinity;
  var PAINTED_BY_ID = ["fill", "stroke", "clip-path", "mask", "filter"];
  var USES_AN_ID = PAINTED_BY_ID.map(function (name) { return "[" + name + "^='url(#']"; }).join(",");
  // one pass over the ids and one over the shapes that paint by one (a pass per id was ~8 ms per change)
  function renameIds(svg, suffix) {
    svg.querySelectorAll("[id]").forEach(function (node) { node.id += suffix; });
    svg.querySelectorAll(USES_AN_ID).forEach(function (user) {
      PAINTED_BY_ID.forEach(function (name) {
        var reference = user.getAttribute(name);
        if (reference && reference.lastIndexOf("url(#", 0) === 0) {
          user.setAttribute(name, reference.slice(0, -1) + suffix + ")");
        }
      });
    });
  }

  function fadeOutOldPicture(records) {
    if (calm.matches) { return; }
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.removedNodes, function (old) {
        if (!old.classList || !old.classList.contains("mk-pocket-figure")) { return; }
        var fresh = record.target.querySelector(".mk-pocket-figure");
        if (!fresh) { return; }
        var now = performance.now(), scrubbing = now - lastChange < FADE_MS;
        lastChange = now;
        if (scrubbing) { return; } // the last copy went with the figure it lay in
        var before = old.querySelectorAll(".mk-panel > svg:not(.mk-pocket-fade)");
        fresh.querySelectorAll(".mk-panel > svg").forEach(function (svg, i) {
          if (!before[i]) { return; }
          var panel = svg.parentElement;
          var ghost = before[i];
          // a copy for the eye only, hidden from screen readers; its ids renamed (the new picture has the same
          // ones) with its own gradients' references, so it keeps its own colours when the skin tone changed
          ghost.removeAttribute("aria-labelledby");
          renameIds(ghost, "-was");
          ghost.setAttribute("aria-hidden", "true");
          ghost.setAttribute("focusable", "false");
          ghost.setAttribute("class", "mk-pocket-fade"); // not .mk-figure-skin: the page has one picture of each
          // exactly over the new picture without measuring anything (a measure forces a layout per change): put
          // just before it and taken out of the flow, it lies where the new one starts, as wide as the panel
          panel.insertBefore(ghost, svg);
          var gone = function () { ghost.remove(); };
          ghost.addEventListener("animationend", gone);
          window.setTimeout(gone, FADE_MS);
        });
      });
    });
  }

  var printed = {};
  function printWhenAsked() {
    var request = document.querySelector("[data-mk-print]");
    var number = request && request.getAttribute("data-mk-print");
    if (number && !printed[number]) { printed[number] = true; window.print(); }
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false; tidyLandmarksAndLabels(); followLanguage(); nameSliders(); sayWhichIsChosen(); printWhenAsked();
      hideStalledNote();
    });
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true,
                                         attributeFilter: ["data-mk-lang", "data-mk-ready", "data-mk-synced", "class", "title"] });
  // at once, not at the next frame: the old picture must be put back before the browser paints the new one alone
  new MutationObserver(fadeOutOldPicture).observe(document.getElementById("rendered_cells") || document.body,
                                                  { subtree: true, childList: true });
  followLanguage(); // this script is deferred: the welcome is already on the page
})();
