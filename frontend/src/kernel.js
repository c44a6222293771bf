/* The visitor's kernel, as the page's widgets need it: one websocket, comms, and "kernel idle" news.

   A small client of the Jupyter messaging protocol over jupyter_server's kernel websocket (the JSON form,
   with the older binary framing for messages that carry buffers). It replaces @jupyterlab/services, which
   brings a whole session and contents layer the guide does not use. */

const PROTOCOL_VERSION = "5.3";

function uuid() {
  if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID().replace(/-/g, ""); }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// jupyter_server's binary frame (no websocket subprotocol): a count, then offsets; part 0 is the JSON message.
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

export class Kernel {
  /* `onCommOpen(comm, message)` hears of widgets the kernel makes after the page has loaded. */
  constructor(url, onCommOpen) {
    this.session = uuid();
    this.comms = new Map();
    this.callbacks = new Map(); // msg_id -> ipywidgets callbacks ({iopub: {status}}), until the kernel is idle
    this.onCommOpen = onCommOpen;
    this.queue = []; // messages sent before the kernel has answered its first hello
    this.connected = false;
    this.socket = new WebSocket(`${url}?session_id=${this.session}`);
    this.socket.binaryType = "arraybuffer";
    // As JupyterLab does, say hello (kernel_info) first and send nothing else until the kernel answers: the
    // server may drop messages that arrive before its connection to the kernel is ready.
    this.ready = new Promise((resolve, reject) => {
      this.hello = { resolve, reject, msgId: null };
      this.socket.addEventListener("open", () => { this.hello.msgId = this.post("kernel_info_request", {}); });
      this.socket.addEventListener("error", reject);
      this.socket.addEventListener("close", () => reject(new Error("the kernel's websocket closed")));
    });
    this.socket.addEventListener("message", (event) => this.receive(event.data));
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
    const frame = buffers && buffers.length ? encodeBinary(message, buffers) : JSON.stringify(message);
    if (later) { this.queue.push(frame); } else { this.socket.send(frame); }
    return msgId;
  }

  receive(data) {
    let message;
    try {
      message = typeof data === "string" ? JSON.parse(data) : decodeBinary(data);
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
      this.queue.splice(0).forEach((frame) => this.socket.send(frame));
      this.hello.resolve();
    } else if (type === "comm_open") {
      const comm = this.comm(content.comm_id, content.target_name);
      Promise.resolve(this.onCommOpen(comm, message)).catch((error) => console.error(error));
    } else if (type === "comm_msg") {
      const comm = this.comms.get(content.comm_id);
      if (comm && comm._onMsg) { comm._onMsg(message); }
    } else if (type === "comm_close") {
      const comm = this.comms.get(content.comm_id);
      this.comms.delete(content.comm_id);
      if (comm && comm._onClose) { comm._onClose(message); }
    }
    const callbacks = parent && this.callbacks.get(parent);
    if (callbacks && message.channel === "iopub") {
      if (type === "status" && callbacks.iopub && callbacks.iopub.status) { callbacks.iopub.status(message); }
      if (type === "status" && content.execution_state === "idle") { this.callbacks.delete(parent); }
    }
  }
}
