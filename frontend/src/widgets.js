/* The guide page's front end: shows the guide's widgets and keeps them talking to the visitor's kernel.

   Voila's own front end is a JupyterLab application: about 5 MB of JavaScript in about 90 files, which a
   phone or a clinic PC needs seconds to load before a single control can be used. The guide needs only
   ipywidgets' own controls, so this page loads just those (the same @jupyter-widgets packages JupyterLab
   uses, so every control looks and behaves the same), with ipywidgets' manager, and a small kernel client
   (kernel.js). Voila still does everything on the server: starting and preheating kernels, running the
   notebook, culling idle kernels.

   The page (templates/milia/index.html.j2) holds each cell's output as a JSON script; widget outputs name
   the widget to show. Once every widget's state has come from the kernel, the views are drawn in place and
   the page says it is ready (`data-mk-ready` on <body>). If anything fails, the page says so plainly. */

import * as base from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as controls from "./controls.js";
import { Widget as LuminoWidget } from "@lumino/widgets";

import { CONTROL_TARGET, connect, pageConfig } from "./kernel.js";
import plainText from "./plain-text.js";

const MODULES = { "@jupyter-widgets/base": base, "@jupyter-widgets/controls": controls };
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

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
    if (targetName === CONTROL_TARGET && this.kernel.states) {
      return this.earlyStates();
    }
    const comm = this.kernel.comm(modelId, targetName);
    if (data || metadata) { comm.open(data || {}, {}, metadata, buffers); }
    return comm;
  }

  /* The control comm ipywidgets' _loadFromKernel asks for, answered with the states connect.js already
     requested: its request is not sent again; the reply is handed over when it has come. */
  earlyStates() {
    const states = this.kernel.states;
    this.kernel.states = null; // once: a later reload of the states asks the kernel again
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

  async load() {
    await this._loadFromKernel();
  }

  /* After a reconnection (kernel.js resync): every widget's state as the kernel has it now, applied to the
     widgets there are and made for those built meanwhile. */
  applyStates(message) {
    this.kernel.states = Promise.resolve(message);
    return this.load();
  }
}

function outputs() {
  return Array.from(document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]'));
}

function showProblem(place) {
  const note = document.getElementById("mk-page-problem");
  if (note) {
    note.setAttribute("data-mk-error", ""); // a part failed: the note stays even once the rest is drawn (guide.js)
    note.hidden = false;
    place.replaceWith(note);
  }
}

async function show(manager, script) {
  let output;
  try {
    output = JSON.parse(script.textContent);
  } catch (error) {
    return;
  }
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
  // Marks for `make bench` (tools/bench.py prints where the time goes): socket open, states in, drawn.
  await kernel.ready;
  performance.mark("mk-kernel-open");
  await manager.load();
  kernel.listen((comm, message) => manager.handle_comm_open(comm, message));
  kernel.onReconnected = (message) => manager.applyStates(message);
  performance.mark("mk-states-loaded");
  await styled;
  await Promise.all(outputs().map((script) => show(manager, script)));
  performance.mark("mk-drawn");
  // The guide is drawn: the welcome that stood in for it goes (welcome.py).
  document.querySelectorAll("[data-mk-until-ready]").forEach((node) => node.remove());
  document.body.setAttribute("data-mk-ready", "true");
}

start().catch((error) => {
  console.error("milia guide: the page could not start", error);
  const place = document.createElement("div");
  document.getElementById("rendered_cells").appendChild(place);
  showProblem(place);
});
