/* The guide page's front end: shows the guide's widgets and keeps them talking to the visitor's kernel.

   Voila's own front end is a JupyterLab application: about 5 MB of JavaScript in about 90 files, which a
   phone or a clinic PC needs seconds to load before a single control can be used. The guide needs only
   ipywidgets' own controls, so this page loads just those (the same @jupyter-widgets packages JupyterLab
   uses, so every control looks and behaves the same), with ipywidgets' manager, and a small kernel client
   (kernel.js). Voila still does everything on the server: starting and preheating kernels, running the
   notebook, culling idle kernels.

   The page (templates/milia/index.html.j2) holds each cell's output as a JSON script; widget outputs name
   the widget to show, and the guide's also holds every widget's state (milia_kit/widget_states.py, Page). The
   views are drawn from those states at once, and the page says it is ready (`data-mk-ready` on <body>); the
   kernel's socket brings what changed since (`data-mk-synced`). A page without them (another notebook, or a
   widget with binary data) waits for every widget's state from the kernel. If anything fails, the page says so
   plainly. */

import * as base from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as controls from "./controls.js";
import { Widget as LuminoWidget } from "@lumino/widgets";

import { CONTROL_TARGET, connect, pageConfig } from "./kernel.js";
import plainText from "./plain-text.js";

const MODULES = { "@jupyter-widgets/base": base, "@jupyter-widgets/controls": controls };
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";
const STATES_IN_PAGE = "application/vnd.milia.widget-states+json"; // milia_kit/widget_states.py MIME

class GuideWidgets extends ManagerBase {
  constructor(kernel) {
    super();
    this.kernel = kernel;
  }

  async loadClass(className, moduleName, _moduleVersion) {
    const module = MODULES[moduleName];
    if (!module || !module[className]) {
      throw new Error(`The guide page has no ${moduleName} ${className}`);
    }
    return module[className];
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    if (targetName === CONTROL_TARGET && this.handing) {
      return this.handOver();
    }
    const comm = this.kernel.comm(modelId, targetName);
    if (data || metadata) { comm.open(data || {}, {}, metadata, buffers); }
    return comm;
  }

  /* The control comm ipywidgets' _loadFromKernel asks for, answered with the states `load` was given (those
     written into the page, or the reply to the request connect.js sent): no request is sent; the states are
     handed over when they have come. */
  handOver() {
    const states = this.handing;
    this.handing = null; // once: a later reload of the states asks the kernel
    let hear = () => {};
    return {
      comm_id: "early-states", target_name: CONTROL_TARGET,
      open: () => "", close: () => "", on_close: () => {},
      on_msg: (callback) => { hear = callback; },
      send: () => { states.then((message) => hear(message)); return ""; },
    };
  }

  inline_sanitize(source) {
    return plainText(source); // the guide's descriptions are plain text (src/plain-text.js)
  }

  async _get_comm_info() {
    return {}; // every widget's state comes through the control comm (_loadFromKernel)
  }

  /* Every widget's state (a promise of an `update_states` message), applied to the widgets there are and made
     for the others. */
  async load(states) {
    this.handing = states;
    await this._loadFromKernel();
  }

  /* After a reconnection (kernel.js resync), or the kernel's answer to a page drawn from its own states. */
  applyStates(message) {
    return this.load(Promise.resolve(message));
  }
}

/* Each cell's output on the page: its script and what it holds (null if unreadable). */
function outputs() {
  return Array.from(document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]'), (script) => {
    try { return { script, output: JSON.parse(script.textContent) }; } catch (error) { return { script, output: null }; }
  });
}

/* The states the kernel wrote into the page, as its reply would bring them; null if there are none. */
function statesInPage(cells) {
  for (const { output } of cells) {
    const states = output && output.data && output.data[STATES_IN_PAGE];
    if (states && states.method === "update_states" && states.states) { return { content: { data: states }, buffers: [] }; }
  }
  return null;
}

/* Once the welcome's main message has been painted (Element Timing, welcome.py), or after a frame where the browser
   has no such timing or paints nothing (hidden tab), at most MESSAGE_FIRST_MS later. */
const MESSAGE_FIRST_MS = 200;
function messagePainted() {
  return new Promise((resolve) => {
    const timed = window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).includes("element");
    if (!timed) { // Firefox, Safari: after the next frame
      requestAnimationFrame(() => window.setTimeout(resolve, 0));
      return;
    }
    window.setTimeout(resolve, MESSAGE_FIRST_MS);
    new PerformanceObserver((list, observer) => {
      if (list.getEntries().some((entry) => entry.identifier === "main-message")) { observer.disconnect(); resolve(); }
    }).observe({ type: "element", buffered: true });
  });
}

/* The kernel's answer for a page drawn from its own states holds only what changed since: a page that holds none
   (it could not read them) needs everything, from ipywidgets' control comm. */
function sincePage(message) {
  return Boolean(message && message.content && message.content.data && message.content.data.since === "page");
}

function whole(kernel, message) {
  return sincePage(message) ? kernel.allStates() : message;
}

function showProblem(place) {
  const note = document.getElementById("mk-page-problem");
  if (note) {
    note.setAttribute("data-mk-error", ""); // a part failed: the note stays even once the rest is drawn (guide.js)
    note.hidden = false;
    place.replaceWith(note);
  }
}

async function show(manager, { script, output }) {
  if (!output) { return; }
  const place = document.createElement("div");
  place.className = "mk-output";
  script.replaceWith(place);
  if (output.output_type === "error") {
    showProblem(place);
    return;
  }
  const view = output.data && output.data[WIDGET_VIEW];
  if (!view) { return; } // the guide's page shows widgets only; nothing else is meant to be seen
  const model = await manager.get_model(view.model_id);
  const widget = await manager.create_view(model);
  LuminoWidget.attach(widget.luminoWidget, place);
}

// The controls' stylesheets, preloaded by the page (`data-mk-controls`): applied now, awaited before drawing,
// so the welcome is painted without waiting for them and no control is ever drawn unstyled.
function applyControlStyles() {
  return Promise.all(Array.from(document.querySelectorAll("link[data-mk-controls]"), (preload) => new Promise((resolve) => {
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = preload.href;
    sheet.addEventListener("load", resolve);
    sheet.addEventListener("error", resolve); // draw anyway: unstyled controls still work
    document.head.appendChild(sheet);
  })));
}

async function start() {
  performance.mark("mk-script-start");
  const styled = applyControlStyles();
  const config = pageConfig();
  if (!config.kernelId) { return; }
  const kernel = connect(config); // connect.js has usually connected already; if it could not run, now
  const manager = new GuideWidgets(kernel);
  kernel.manager = manager; // the page's widgets, for a look from the browser's console (and the browser tests)
  const cells = outputs();
  const inPage = statesInPage(cells);
  // Marks for `make bench` (tools/bench.py prints where the time goes): socket open, states in, drawn, synced.
  kernel.ready.then(() => performance.mark("mk-kernel-open"), () => {});
  let answered;
  const hasAnswer = new Promise((resolve) => { answered = resolve; });
  const synced = () => { performance.mark("mk-synced"); document.body.setAttribute("data-mk-synced", "true"); answered(); };
  const listen = () => {
    kernel.listen((comm, message) => manager.handle_comm_open(comm, message));
    kernel.onReconnected = (message) => manager.applyStates(message);
  };
  if (inPage) {
    // The welcome (the step's heading and message) is painted first: with the scripts cached, drawing at once
    // held that paint until the whole guide was drawn (message painted 1.29 s on a returning phone, 0.76 s now).
    await messagePainted();
    await manager.load(Promise.resolve(inPage));
    // The kernel's answer, applied in its turn among its messages (the later ones follow it in order): what changed
    // since the page's states; or every state but made before them (the kernel stopped waiting for its guide to
    // be shown), so ask again, for every widget as it is now, applied in its own turn after this one.
    const catchUp = (message) => {
      if (sincePage(message)) { return manager.applyStates(message).then(synced); }
      kernel.askStates((current) => manager.applyStates(current).then(synced));
      return undefined;
    };
    if (kernel.statesCame) { // it came while this script loaded: what came after it waits in the backlog
      const answer = await kernel.states;
      kernel.inOrder(() => catchUp(answer));
      listen();
    } else {
      kernel.onFirstStates = (message) => { listen(); return catchUp(message); };
    }
  } else {
    await kernel.ready;
    await manager.load(kernel.states.then((message) => whole(kernel, message)));
    listen();
    synced();
  }
  performance.mark("mk-states-loaded");
  await styled;
  await Promise.all(cells.map((cell) => show(manager, cell)));
  performance.mark("mk-drawn");
  // The guide is drawn: the welcome that stood in for it goes (welcome.py).
  document.querySelectorAll("[data-mk-until-ready]").forEach((node) => node.remove());
  document.body.setAttribute("data-mk-ready", "true");
  // Drawn, with the kernel's answer: the page is no longer loading, and the kernel builds the next step now
  // (milia_kit/app.py), not while a slow network still brought this one.
  hasAnswer.then(() => kernel.sayDrawn());
}

start().catch((error) => {
  console.error("milia guide: the page could not start", error);
  const place = document.createElement("div");
  document.getElementById("rendered_cells").appendChild(place);
  showProblem(place);
});
