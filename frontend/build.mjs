// Builds the guide page's front end (src/) into the page template's static folder, where Voila serves it.
// `npm ci && npm run build` (or `make frontend`). The output starts with a hash of the sources and the
// lock file, so a test can tell when the committed build no longer matches its sources.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const OUT = "../assets/jupyter/voila/templates/milia/static";
const inputs = ["package-lock.json", "build.mjs", ...readdirSync("src").sort().map((name) => join("src", name))];
const hash = createHash("sha256");
for (const file of inputs) { hash.update(file); hash.update(readFileSync(file)); }
const stamp = `/* milia guide page front end, built from frontend/ (sources sha256 ${hash.digest("hex")}) */`;

const common = { bundle: true, minify: true, legalComments: "none", banner: { js: stamp, css: stamp },
                 logLevel: "info", target: ["es2020"] };
// Descriptions are always plain text in the guide (src/plain-text.js says why): leave sanitize-html out; and
// jQuery, which the guide never calls (src/no-jquery.js says why); only the Lumino classes ipywidgets' views
// are built on (src/lumino-widgets.js).
const alias = { "sanitize-html": "./src/plain-text.js", jquery: "./src/no-jquery.js",
                "@lumino/widgets": "./src/lumino-widgets.js" };
// The first statement of the script marks when the browser starts running it (`make bench` shows the phases).
await build({ ...common, banner: { js: `${stamp}\nperformance.mark("mk-script-loaded");` }, entryPoints: ["src/widgets.js"], outfile: `${OUT}/widgets.js`, format: "iife", alias });
await build({ ...common, entryPoints: ["src/connect.js"], outfile: `${OUT}/connect.js`, format: "iife" });
await build({ ...common, entryPoints: ["src/widgets.css"], outfile: `${OUT}/widgets.css`,
              loader: { ".woff": "empty", ".woff2": "empty", ".svg": "dataurl", ".png": "dataurl" } });

// Brotli copies of the two files every first visit downloads, for browsers that accept them (every current one
// does): 64 KB instead of gzip's 72 KB for the script. The server sends a copy only while compressed.json names
// the file it was made from (its sha256), so a file rebuilt or edited without them is sent as before (serve.py).
const copies = {};
for (const name of ["widgets.js", "widgets.css"]) {
  const file = join(OUT, name);
  const body = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11,
                                                                  [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  copies[name] = createHash("sha256").update(body).digest("hex");
}
writeFileSync(join(OUT, "compressed.json"), `${JSON.stringify(copies, null, 1)}\n`);
