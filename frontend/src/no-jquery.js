/* jQuery's place in the bundle (build.mjs aliases "jquery" here): 87 KB the guide never runs. ipywidgets keeps a
   jQuery wrapper of each view's element (`view.$el`) only for old extensions that reach for it; its own views
   and Backbone's native view (@jupyter-widgets/base nativeview) use the element itself, `$el[0]`. This wraps an
   element the same way and nothing more: anything that really calls jQuery fails loudly, and the browser
   tests, which use every control the guide has, would show it. */
function $(element) {
  if (!(this instanceof $)) { return new $(element); }
  this[0] = element;
  this.length = element ? 1 : 0;
}
module.exports = $;
