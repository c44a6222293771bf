/* The two Lumino classes ipywidgets' views are built on (base: Widget, Panel; controls' boxes: Widget), from
   @lumino/widgets' own sources (build.mjs aliases "@lumino/widgets" here). Its packaged index is one file with
   every Lumino widget (dock panels, menus, command palettes, tab bars: 130 KB) that a bundler cannot leave out. */
export { Widget } from "../node_modules/@lumino/widgets/src/widget.ts";
export { Panel } from "../node_modules/@lumino/widgets/src/panel.ts";
export { PanelLayout } from "../node_modules/@lumino/widgets/src/panellayout.ts";
export { Layout } from "../node_modules/@lumino/widgets/src/layout.ts";
export { Title } from "../node_modules/@lumino/widgets/src/title.ts";
