/* Stands in for sanitize-html (about 200 KB with its parsers), which ipywidgets' manager uses only to show a
   control's description as HTML when `description_allow_html` is set. The guide never sets it, and the kernel
   refuses it from a browser (views/guard.py), so any description is shown as plain text: every tag escaped. */
export default function plainText(source) {
  const holder = document.createElement("div");
  holder.textContent = String(source);
  return holder.innerHTML;
}
