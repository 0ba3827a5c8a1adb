/* tlgen default theme: on an article page, a link to one of its sentences (#p4-s2, as every
   source link on the timeline is) highlights that whole sentence, not only its anchor.
   The anchors are empty spans at the start of each sentence; the sentence runs to the next
   anchor or to the end of its block. Uses the CSS Custom Highlight API; where a browser
   lacks it, the anchor's own mark (style.css, :target) is what the reader sees. */
(function () {
  "use strict";
  if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
  document.documentElement.classList.add("cited-highlight");

  function mark() {
    CSS.highlights.delete("tlgen-cited");
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    var anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("sentence")) return;
    var block = anchor.parentElement.closest("p, li, blockquote, h2, h3, h4, h5, h6, td, th, dd, dt")
      || anchor.parentElement;
    var anchors = block.querySelectorAll("span.sentence");
    var next = null;
    for (var i = 0; i < anchors.length - 1; i++) {
      if (anchors[i] === anchor) { next = anchors[i + 1]; break; }
    }
    var range = document.createRange();
    range.setStartAfter(anchor);
    if (next) range.setEndBefore(next); else range.setEnd(block, block.childNodes.length);
    CSS.highlights.set("tlgen-cited", new Highlight(range));
  }

  window.addEventListener("hashchange", mark);
  mark();
})();
