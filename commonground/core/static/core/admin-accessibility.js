// Django's two-list picker (SelectFilter2.js) labels its search icon, a <span>, with aria-label,
// which a span without a role may not carry: it is an image with a name, so say so. Run after
// the picker, which draws itself on the window's load event.
window.addEventListener("load", () => {
  setTimeout(() => {
    for (const icon of document.querySelectorAll("span.search-label-icon[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  }, 0);
});
