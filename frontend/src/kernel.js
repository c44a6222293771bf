/* The visitor's kernel, as the page's widgets need it: one websocket, comms, and "kernel idle" news.
   connect.js makes it as soon as the page names the kernel, and asks for every widget's state at once, so
   the connection is ready by the time widgets.js has loaded.

   A small client of the Jupyter messaging protocol over jupyter_server's kernel websocket (the JSON form,
   with the older binary framing for messages that carry buffers). It replaces @jupyterlab/services, which
   brings a whole session and contents layer the guide does not use. */

const PROTOCOL_VERSION = "5.3";
// A dropped connection (a phone between networks, a locked screen, a proxy's idle timeout) is opened again
// after these pauses, about 30 s in all, before the page offers Reload. The server keeps the kernel's messages
// for a session whose websocket closed and sends them on when the same session connects again (jupyter_server's
// buffer_offline_messages), and the page asks for every widget's state again (resync), so the visitor keeps
// their place. What was on its way as the socket went down can still be lost: see dropped.
const RECONNECT_AFTER_MS = [250, 1000, 2000, 4000, 8000, 15000];
// After a drop the kernel's widget messages wait for its answer with every widget's state (see dropped). An
// answer that does not come in this time (lost, or a kernel that cannot give it) frees them, in order, as before:
// a page that applies what it has is better than one that silently stops answering. About 2.5 s on slow 3G.
const STATES_AGAIN_WITHIN_MS = 10000;
const SERVER_CHECK_MS = 5000; // a question to the server that gets no answer in this time is "unknown"
// A reopened socket the kernel has not answered on in this time (a network half back) is closed and tried
// again. Not the first socket: a kernel started for the visit answers only once it has run the guide.
const HELLO_AGAIN_WITHIN_MS = 10000;

function uuid() {
  if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID().replace(/-/g, ""); }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// jupyter_server's v1 kernel websocket protocol, which JupyterLab speaks too: the server passes the kernel's
// message parts through as they are, instead of parsing each message (dates included) and writing it again as
// JSON. Under load (tools/load.py) that parsing was about a fifth of the server's CPU. A frame: the number of
// offsets and the offsets (8 bytes each, little-endian), then the channel's name, the header, parent header,
// metadata and content (JSON), then any buffers. Frames are far below 4 GB, so the low 4 bytes of each suffice.
export const PROTOCOL_V1 = "v1.kernel.websocket.jupyter.org";
const PARTS = ["header", "parent_header", "metadata", "content"];

function decodeV1(data) {
  const view = new DataView(data);
  const count = view.getUint32(0, true);
  const offsets = [];
  for (let i = 0; i < count; i++) { offsets.push(view.getUint32(8 * (i + 1), true)); }
  const text = new TextDecoder();
  const part = (i) => data.slice(offsets[i], offsets[i + 1]);
  const message = { channel: text.decode(part(0)), buffers: [] };
  PARTS.forEach((name, i) => { message[name] = JSON.parse(text.decode(part(i + 1))); });
  for (let i = PARTS.length + 1; i < count - 1; i++) { message.buffers.push(new DataView(part(i))); }
  return message;
}

function encodeV1(message, buffers) {
  const text = new TextEncoder();
  const parts = [text.encode(message.channel), ...PARTS.map((name) => text.encode(JSON.stringify(message[name]))),
                 ...buffers.map((b) => new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength))];
  const count = parts.length + 1;
  let at = 8 * (count + 1);
  const out = new Uint8Array(at + parts.reduce((size, part) => size + part.byteLength, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  parts.forEach((part, i) => { view.setUint32(8 * (i + 1), at, true); out.set(part, at); at += part.byteLength; });
  view.setUint32(8 * count, at, true);
  return out.buffer;
}

// The older protocol, for a server (or a proxy) that does not take v1: JSON text, or for messages with buffers
// a binary frame of a count, then offsets; part 0 is the JSON message.
function decodeBinary(data) {
  const view = new DataView(data);
  const count = view.getUint32(0);
  const offsets = [];
  for (let i = 0; i < count; i++) { offsets.push(view.getUint32(4 * (i + 1))); }
  offsets.push(data.byteLength);
  const message = JSON.parse(new TextDecoder().decode(data.slice(offsets[0], offsets[1])));
  message.buffers = [];
  for (let i = 1; i < count; i++) { message.buffers.push(new DataView(data.slice(offsets[i], offsets[i + 1]))); }
  return message;
}

function encodeBinary(message, buffers) {
  const json = new TextEncoder().encode(JSON.stringify(message));
  const parts = [json, ...buffers.map((b) => new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength))];
  const header = 4 * (parts.length + 1);
  let size = header;
  const offsets = parts.map((part) => { const at = size; size += part.byteLength; return at; });
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, parts.length);
  offsets.forEach((at, i) => view.setUint32(4 * (i + 1), at));
  parts.forEach((part, i) => out.set(part, offsets[i]));
  return out.buffer;
}

/* One comm (a widget's channel to its Python twin), in the shape ipywidgets' manager expects. */
class Comm {
  constructor(kernel, commId, targetName) {
    this.kernel = kernel;
    this.comm_id = commId;
    this.target_name = targetName;
    this._onMsg = null;
    this._onClose = null;
  }

  open(data, callbacks, metadata, buffers) {
    return this.kernel.send("comm_open", { comm_id: this.comm_id, target_name: this.target_name, data },
                            callbacks, metadata, buffers);
  }

  send(data, callbacks, metadata, buffers) {
    return this.kernel.send("comm_msg", { comm_id: this.comm_id, data }, callbacks, metadata, buffers);
  }

  close(data, callbacks, metadata, buffers) {
    this.kernel.comms.delete(this.comm_id);
    return this.kernel.send("comm_close", { comm_id: this.comm_id, data: data || {} }, callbacks, metadata, buffers);
  }

  on_msg(callback) { this._onMsg = callback; }

  on_close(callback) { this._onClose = callback; }
}

export const CONTROL_TARGET = "jupyter.widget.control"; // ipywidgets' comm for every widget's state at once
export const FIRST_STATES_TARGET = "milia.first_widget_states"; // the guide's own, for a first load (milia_kit/widget_states.py)

/* The kernel's address on the server for the page's settings (Voila's `jupyter-config-data`). */
function kernelAddress(config) {
  return new URL(`api/kernels/${encodeURIComponent(config.kernelId)}`, new URL(config.baseUrl || "/", window.location.href));
}

/* Its websocket's address. */
export function kernelUrl(config) {
  const address = kernelAddress(config);
  address.protocol = address.protocol === "https:" ? "wss:" : "ws:";
  return `${address.href}/channels`;
}

/* The page's settings from Voila (kernel id, base URL); {} if there are none. */
export function pageConfig() {
  const node = document.getElementById("jupyter-config-data");
  try { return node ? JSON.parse(node.textContent) : {}; } catch (error) { return {}; }
}

/* The visitor's kernel, connected once per page (window.mkKernel), with every widget's state requested. */
export function connect(config) {
  if (!window.mkKernel) {
    window.mkKernel = new Kernel(config);
    window.mkKernel.requestStates();
  }
  return window.mkKernel;
}

/* Tells the page's other script (guide.js) when the kernel is lost (restarting, dead), its socket dropped and is
   being opened again ("reconnecting"), opened again ("connected"), or closed for good ("closed": it never
   opened, or could not be opened again). */
function announce(state) {
  window.mkKernelState = state; // for guide.js if it runs later (it is deferred; this script is not)
  document.dispatchEvent(new CustomEvent("mk-kernel", { detail: { state } }));
}

export class Kernel {
  constructor(config) {
    this.url = kernelUrl(config);
    this.address = kernelAddress(config).href;
    this.session = uuid(); // kept for the page's life: the server replays what it kept for this session
    this.comms = new Map();
    this.callbacks = new Map(); // msg_id -> ipywidgets callbacks ({iopub: {status}}), until the kernel is idle
    this.onCommOpen = null;
    this.backlog = []; // widget messages held: before the widget manager listens (listen), or after a drop
    this.holdingUntilStates = false; // after a drop, until every widget's state has come again (see dropped, receive)
    this.turns = Promise.resolve();
    this.queue = []; // messages sent while the kernel has not answered the hello of the current socket
    this.queued = new Set(); // their msg_ids
    this.connected = false;
    this.connections = 0; // sockets the kernel has answered on: more than one after a reconnection
    this.attempt = 0;
    this.leaving = false;
    this.olderProtocol = false; // set if the v1 protocol's handshake failed (see open)
    this.states = null; // the first answer (every widget's state, or what changed since the page's), requestStates
    this.statesCame = false;
    this.onReconnected = null; // the widget manager's: apply every widget's state again after a reconnection
    this.onFirstStates = null; // the widget manager's, for a page drawn from the states written into it
    this.ready = new Promise((resolve, reject) => { this.hello = { resolve, reject, msgId: null }; });
    this.ready.catch(() => {}); // a failed start is reported by whoever awaits it
    window.addEventListener("pagehide", () => { this.leaving = true; }); // a closing page is not a dropped one
    window.addEventListener("pageshow", (event) => { // back from the browser's page cache
      if (!event.persisted) { return; }
      this.leaving = false;
      if (this.socket.readyState >= WebSocket.CLOSING) { this.dropped(); }
    });
    this.open();
  }

  /* A websocket to the kernel. As JupyterLab does, it says hello (kernel_info) first, and on a reopened socket
     sends nothing else until the kernel answers: the server may drop messages that arrive before its connection
     is ready. On the page's first socket, what the page has asked for so far (every widget's state) goes right
     behind the hello, a round trip sooner on a phone: the server reads nothing from a socket before its handler's
     open() has returned (tornado), and jupyter_server's open() returns once the kernel has answered its own
     kernel_info ("nudge"), so nothing sent now arrives early. */
  open() {
    // A server (or a proxy) that does not answer the v1 request fails the handshake itself, so a first socket
    // that closes before it ever opened is tried once more, in the older protocol. (A reopened one keeps the
    // protocol that worked: its failures are the network's.)
    const socket = new WebSocket(`${this.url}?session_id=${this.session}`, this.olderProtocol ? [] : [PROTOCOL_V1]);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    let opened = false;
    socket.addEventListener("open", () => {
      opened = true;
      this.hello.msgId = this.post("kernel_info_request", {});
      if (!this.connections) {
        this.queued.clear();
        this.queue.splice(0).forEach(([message, buffers]) => this.write(message, buffers)); // oldest first
      }
      if (this.connections) {
        window.setTimeout(() => { if (socket === this.socket && !this.connected) { socket.close(); } }, HELLO_AGAIN_WITHIN_MS);
      }
    });
    socket.addEventListener("message", (event) => {
      if (socket === this.socket) { this.receive(event.data, socket.protocol === PROTOCOL_V1); }
    });
    socket.addEventListener("close", () => {
      if (socket !== this.socket) { return; }
      if (!opened && !this.olderProtocol && !this.connections && !this.leaving) {
        this.olderProtocol = true;
        this.open();
        return;
      }
      this.dropped();
    });
  }

  dropped() {
    this.connected = false;
    if (this.leaving) { return; }
    if (!this.connections) { // never connected: the page cannot start (guide.js shows the page's note)
      this.hello.reject(new Error("the kernel's websocket closed"));
      announce("closed");
      return;
    }
    // What the kernel said as the socket went down may be lost in part: the server replays only what it had not
    // sent when it noticed the drop. A replayed widget that names a lost one is made without it and stays broken
    // (a step that never shows). So widget messages are held until every widget's state comes again (resync).
    this.holdingUntilStates = true;
    if (this.attempt === 0) { announce("reconnecting"); }
    this.reconnect();
  }

  async reconnect() {
    if (this.attempt >= RECONNECT_AFTER_MS.length || await this.kernelGone()) {
      announce("closed"); // a culled or shut-down kernel is gone for good: Reload at once
      return;
    }
    window.setTimeout(() => { if (!this.leaving) { this.open(); } }, RECONNECT_AFTER_MS[this.attempt]);
    this.attempt += 1;
  }

  /* True only when the server says the kernel no longer exists; unknown (no answer: offline) is not gone. */
  async kernelGone() {
    const abort = new AbortController();
    const timer = window.setTimeout(() => abort.abort(), SERVER_CHECK_MS);
    try {
      const response = await fetch(this.address, { credentials: "same-origin", cache: "no-store", signal: abort.signal });
      return response.status === 404 || response.status === 410;
    } catch (error) {
      return false;
    } finally {
      window.clearTimeout(timer);
    }
  }

  /* After a reconnection: messages sent on the old socket whose kernel-idle news was not among the replayed
     messages may never have reached the kernel. ipywidgets holds a control's next change until that news
     comes, so it is given now, or the control would stay stuck. Messages that waited in the queue were sent
     just now, in order, and get their own news: a control's newer value must not overtake them. */
  settleUnanswered(justSent) {
    this.callbacks.forEach((callbacks, msgId) => {
      if (justSent.has(msgId)) { return; }
      this.callbacks.delete(msgId);
      if (callbacks.iopub && callbacks.iopub.status) {
        callbacks.iopub.status({ header: { msg_type: "status" }, content: { execution_state: "idle" }, channel: "iopub" });
      }
    });
  }

  /* Ask for every widget's state now (the guide's target, else ipywidgets' control comm); `states` is the reply,
     once it comes. A page drawn from the states written into it (widgets.js) sets `onFirstStates`: the reply, what
     changed since, is then applied in its turn among the kernel's messages, before any later one. */
  requestStates() {
    this.states = new Promise((resolve) => { this.statesArrived = resolve; });
    this.askStates((message) => this.firstStatesCame(message), FIRST_STATES_TARGET);
  }

  firstStatesCame(message) {
    this.statesCame = true;
    this.statesArrived(message);
    return this.onFirstStates ? this.onFirstStates(message) : undefined;
  }

  /* Every widget's state from ipywidgets' control comm, whatever the page holds. */
  allStates() {
    return new Promise((resolve) => this.askStates(resolve));
  }

  /* Every widget's state, from ipywidgets' control comm, or for a first load from the guide's own target
     (milia_kit/widget_states.py: the same reply without the values the new models already hold, less than
     half the size; for a page drawn from the states written into it, only what changed since, marked
     since: "page"). A kernel without that target closes the comm: then ipywidgets' is asked. */
  askStates(then, target = CONTROL_TARGET) {
    const control = this.comm(uuid(), target);
    let answered = false;
    control.on_msg((message) => {
      if (message.content.data && message.content.data.method === "update_states") {
        // The reply holds every widget as it is now (or, for a page drawn from its own states, what changed
        // since them): what came before it (the guide being set up while the page loaded) is in it already;
        // replayed after it, it would undo later changes.
        answered = true;
        this.statesFrom = target; // which answered (the browser tests check the page's first load used the guide's)
        this.backlog.length = 0;
        control.close();
        return then(message);
      }
      return undefined;
    });
    control.on_close(() => {
      if (!answered && target !== CONTROL_TARGET) { this.askStates(then, CONTROL_TARGET); }
    });
    if (target === CONTROL_TARGET) { // ipywidgets' protocol: open, then ask
      control.open({}, {}, { version: "1.0.0" });
      control.send({ method: "request_states" });
    } else { // the guide's own target takes the request with the opening: one message, and no comm_msg that
      // ipykernel 7 could look up before the opening is in ("No such comm" in the kernel's log on every visit)
      control.open({ method: "request_states" }, {}, { version: "1.0.0" });
    }
  }

  /* Tells the kernel the page has drawn the guide and has its answer (milia_kit/widget_states.py, Page.page_drawn):
     it builds the next step then. The kernel closes the comm; one without the guide's target closes it too. */
  sayDrawn() {
    this.comm(uuid(), FIRST_STATES_TARGET).open({ method: "page_drawn" }, {}, { version: "1.0.0" });
  }

  /* The server replays what the kernel said during the gap only if it noticed the drop (a phone that changed
     networks may have left its old connection looking open): so ask for every widget's state again, and
     page and kernel agree either way. The reply is applied in its turn among the kernel's messages. */
  resync() {
    if (!this.statesCame) {
      this.askStates((message) => this.firstStatesCame(message), FIRST_STATES_TARGET);
    } else if (this.onReconnected) {
      this.askStates((message) => this.onReconnected(message));
      const socket = this.socket;
      window.setTimeout(() => {
        if (this.holdingUntilStates && socket === this.socket) { this.stopHolding(); }
      }, STATES_AGAIN_WITHIN_MS);
    } else { // the widget manager is not listening yet: what was held waits for it, in order (listen)
      this.holdingUntilStates = false;
    }
  }

  /* Every widget's state has come again after a drop: what was held is in it, and goes. (A widget the kernel
     closed meanwhile would stay on the page, unused: the guide never closes one.) Before the page's first answer,
     the backlog is that answer's to drop (askStates). */
  caughtUp() {
    this.holdingUntilStates = false;
    if (this.statesCame) { this.backlog.length = 0; }
  }

  /* The answer did not come: what was held goes to the widget manager after all, oldest first. */
  stopHolding() {
    this.holdingUntilStates = false;
    this.backlog.splice(0).forEach((message) => this.inTurn(message));
  }

  /* From now on, widget messages go to the widget manager: first those that came while it was loading. */
  listen(onCommOpen) {
    this.onCommOpen = onCommOpen;
    this.backlog.splice(0).forEach((message) => this.inTurn(message));
  }

  /* Widget messages are handled one at a time, each after the last has finished, as JupyterLab does: a new
     widget's model is made asynchronously, and its first update must not arrive before it exists. */
  inTurn(message) {
    this.inOrder(() => this.route(message));
  }

  /* Any work that must keep its place among the kernel's messages (a states answer the page applies later). */
  inOrder(task) {
    this.turns = this.turns.then(task).catch((error) => console.error(error));
  }

  comm(commId, targetName) {
    const comm = new Comm(this, commId || uuid(), targetName);
    this.comms.set(comm.comm_id, comm);
    return comm;
  }

  send(msgType, content, callbacks, metadata, buffers) {
    const msgId = this.post(msgType, content, metadata, buffers, !this.connected);
    if (callbacks && Object.keys(callbacks).length) { this.callbacks.set(msgId, callbacks); }
    return msgId;
  }

  post(msgType, content, metadata, buffers, later) {
    const msgId = uuid();
    const message = {
      header: { msg_id: msgId, msg_type: msgType, session: this.session, username: "", date: new Date().toISOString(),
                version: PROTOCOL_VERSION },
      parent_header: {}, metadata: metadata || {}, content, channel: "shell", buffers: [],
    };
    if (later || this.socket.readyState !== WebSocket.OPEN) {
      this.queue.push([message, buffers || []]); // written when sent: the next socket's protocol is not known yet
      this.queued.add(msgId);
    } else {
      this.write(message, buffers || []);
    }
    return msgId;
  }

  write(message, buffers) {
    if (this.socket.protocol === PROTOCOL_V1) {
      this.socket.send(encodeV1(message, buffers));
    } else {
      this.socket.send(buffers.length ? encodeBinary(message, buffers) : JSON.stringify(message));
    }
  }

  receive(data, v1) {
    let message;
    try {
      message = typeof data === "string" ? JSON.parse(data) : v1 ? decodeV1(data) : decodeBinary(data);
    } catch (error) {
      console.error("milia guide: unreadable kernel message", error);
      return;
    }
    message.buffers = message.buffers || [];
    const type = message.header && message.header.msg_type;
    const content = message.content || {};
    const parent = message.parent_header && message.parent_header.msg_id;
    if (type === "kernel_info_reply" && parent && parent === this.hello.msgId && !this.connected) {
      this.connected = true;
      this.connections += 1;
      this.attempt = 0;
      const justSent = this.queued;
      this.queued = new Set();
      this.queue.splice(0).forEach(([message, buffers]) => this.write(message, buffers)); // oldest first
      this.hello.resolve();
      if (this.connections > 1) {
        this.settleUnanswered(justSent);
        this.resync();
        announce("connected");
      }
    } else if (type === "status" && ["restarting", "autorestarting", "dead"].includes(content.execution_state)) {
      announce("lost"); // a restarted kernel keeps its id but has lost the guide's widgets
    } else if (type === "comm_open" || type === "comm_msg" || type === "comm_close") {
      // Until the first answer with every widget's state has come, only that answer goes through: what the kernel
      // said before it (the guide being set up while the page loaded) is in it already, or in the states written
      // into the page, and is dropped with the backlog then (askStates). Replayed, a widget's opening would
      // replace the model the page drew from the page's states. After it, messages wait (in order) until the
      // widget manager listens. After a drop they wait again, for the answer with every widget's state (dropped).
      const comm = this.comms.get(content.comm_id);
      const answer = comm && (comm.target_name === CONTROL_TARGET || comm.target_name === FIRST_STATES_TARGET);
      if (answer && this.holdingUntilStates && content.data && content.data.method === "update_states") {
        this.caughtUp(); // decided as it comes, not in its turn: what comes after it must not be dropped with it
      }
      if (answer || (this.statesCame && this.onCommOpen && !this.holdingUntilStates)) {
        this.inTurn(message);
      } else {
        this.backlog.push(message);
      }
    }
    // ipywidgets sends a control's next change only once the kernel is idle after its last one
    const callbacks = parent && this.callbacks.get(parent);
    if (callbacks && message.channel === "iopub" && type === "status") {
      if (callbacks.iopub && callbacks.iopub.status) { callbacks.iopub.status(message); }
      if (content.execution_state === "idle") { this.callbacks.delete(parent); }
    }
  }

  async route(message) {
    const content = message.content || {};
    const type = message.header.msg_type;
    if (type === "comm_open") {
      const comm = this.comm(content.comm_id, content.target_name);
      return this.onCommOpen(comm, message);
    } else if (type === "comm_msg") {
      const comm = this.comms.get(content.comm_id);
      if (comm && comm._onMsg) { return comm._onMsg(message); } // its promise is awaited, as JupyterLab does
    } else if (type === "comm_close") {
      const comm = this.comms.get(content.comm_id);
      this.comms.delete(content.comm_id);
      if (comm && comm._onClose) { comm._onClose(message); }
    }
  }
}
