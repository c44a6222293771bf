/* The page's first script: connects to the visitor's kernel and asks for every widget's state, while the
   browser is still loading widgets.js (about half a second on a clinic PC). The page runs it right after its
   settings (`jupyter-config-data`); widgets.js takes the connection over. */
import { connect, pageConfig } from "./kernel.js";

const config = pageConfig();
if (config.kernelId) { connect(config); }
