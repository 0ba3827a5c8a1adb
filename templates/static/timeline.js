/* tlgen default theme: search, tag filter and the key/all switch on lists of events.
   Progressive enhancement: without this script every page works and shows its events; the
   form (#filters) stays hidden. Nothing is fetched; the script reads the page it runs on. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var timeline = document.querySelector(".timeline");
  if (!form || !timeline) return;

  var events = Array.prototype.slice.call(timeline.querySelectorAll("li.event"));
  var months = Array.prototype.slice.call(timeline.querySelectorAll("section.month"));
  var years = Array.prototype.slice.call(timeline.querySelectorAll("section.year"));
  var jumps = Array.prototype.slice.call(document.querySelectorAll(".jump a"));
  var search = document.getElementById("filter-text");
  var tagSelect = document.getElementById("filter-tag");
  var status = document.getElementById("filter-status");
  var scopes = Array.prototype.slice.call(form.querySelectorAll('input[name="scope"]'));
  var startView = timeline.getAttribute("data-view") || "all";
  var whole = parseInt(timeline.getAttribute("data-total") || "0", 10);

  function fold(text) {
    // Case- and accent-insensitive matching: "Ōsaka" matches "osaka".
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = events.map(function (li) { return fold(li.textContent.replace(/\s+/g, " ")); });
  var tagLists = events.map(function (li) {
    return (li.getAttribute("data-tags") || "").split(" ").filter(Boolean);
  });

  function scope() {
    for (var i = 0; i < scopes.length; i++) if (scopes[i].checked) return scopes[i].value;
    return startView;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function apply() {
    var words = search ? fold(search.value).split(/\s+/).filter(Boolean) : [];
    var tag = tagSelect ? tagSelect.value : "";
    var filtering = words.length > 0 || tag !== "";
    // A search or a tag looks through all the events on the page, not only the key ones.
    var view = filtering || scope() === "all" ? "all" : "key";
    timeline.setAttribute("data-view", view);
    var shown = 0;
    events.forEach(function (li, i) {
      var match = (!tag || tagLists[i].indexOf(tag) >= 0) &&
        words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      li.hidden = !match;
      if (match && (view === "all" || li.hasAttribute("data-key"))) shown++;
    });
    function visible(li) { return !li.hidden && (view === "all" || li.hasAttribute("data-key")); }
    months.forEach(function (section) {
      section.hidden = !Array.prototype.some.call(section.querySelectorAll("li.event"), visible);
    });
    years.forEach(function (section) {
      section.hidden = !Array.prototype.some.call(section.querySelectorAll("li.event"), visible);
    });
    jumps.forEach(function (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      var section = target && target.closest("section");
      link.parentNode.hidden = !!(section && section.hidden);
    });
    var total = events.length;
    var message;
    if (whole > total) {
      // A page of key events only (the others are on the year pages): say so, searching too.
      if (filtering) {
        message = (shown === 0 ? "None" : shown) + " of the " + plural(total, "key event") +
          " on this page match; the other " + (whole - total) + " are on the year pages.";
      } else {
        message = "Showing the " + plural(total, "key event") + " of " + whole +
          "; the others are on the year pages.";
      }
    } else if (filtering) {
      message = shown === 0 ? "No event matches." : plural(shown, "event") + " of " + total + " match.";
    } else if (view === "key") {
      message = "Showing the " + plural(shown, "key event") + " of " + total + ".";
    } else {
      message = "Showing all " + plural(shown, "event") + ".";
    }
    if (status) status.textContent = message;
    var empty = document.getElementById("filter-empty");
    if (empty) empty.hidden = shown !== 0;
  }

  var empty = document.createElement("p");
  empty.id = "filter-empty";
  empty.className = "filter-empty";
  empty.hidden = true;
  empty.textContent = "No event matches. Clear the search or choose another tag.";
  timeline.parentNode.insertBefore(empty, timeline);

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.hidden = false;
  document.documentElement.classList.add("js");
  apply();
})();
