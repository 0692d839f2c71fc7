(function () {
  "use strict";
  var doc = document;
  var controls = doc.getElementById("controls");
  var cards = Array.prototype.slice.call(doc.querySelectorAll("article.card"));
  var groups = Array.prototype.slice.call(doc.querySelectorAll("[data-verdict-group]"));
  var highlights = Array.prototype.slice.call(doc.querySelectorAll("a.hl"));
  var boxes = Array.prototype.slice.call(doc.querySelectorAll("#controls input[name=verdict]"));
  var sourceSelect = doc.getElementById("filter-source");
  var search = doc.getElementById("filter-search");
  var status = doc.getElementById("filter-status");
  var backButton = doc.getElementById("back-to-text");
  var returnTo = null;

  function normalise(text) {
    return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, "\"").replace(/\s+/g, " ");
  }

  function ownText(card) {  // a card's own words: not those of the related statements it links to
    return Array.prototype.map.call(card.children, function (el) {
      return el.classList.contains("related") ? "" : el.textContent;
    }).join(" ");
  }

  var haystacks = cards.map(function (card) { return normalise(ownText(card)); });
  var cardById = {};
  cards.forEach(function (card) { cardById[card.id] = card; });

  function apply() {
    var verdicts = {};
    boxes.forEach(function (box) { verdicts[box.value] = box.checked; });
    var source = sourceSelect.value;
    var terms = normalise(search.value).trim().split(" ").filter(Boolean);
    var shown = 0;
    var shownByGroup = {};
    cards.forEach(function (card, i) {
      var ok = !!verdicts[card.getAttribute("data-verdict")];
      if (ok && source) {
        ok = (" " + card.getAttribute("data-sources") + " ").indexOf(" " + source + " ") !== -1;
      }
      if (ok && terms.length) {
        ok = terms.every(function (t) { return haystacks[i].indexOf(t) !== -1; });
      }
      card.hidden = !ok;
      if (ok) {
        shown += 1;
        shownByGroup[card.getAttribute("data-verdict")] = true;
      }
    });
    groups.forEach(function (group) {
      var verdict = group.getAttribute("data-verdict-group");
      var note = group.querySelector(".filtered-none");
      var hasCards = !!group.querySelector("article.card");
      if (note) { note.hidden = !hasCards || !!shownByGroup[verdict]; }
    });
    highlights.forEach(function (hl) {
      var card = cardById[hl.getAttribute("href").slice(1)];
      hl.classList.toggle("filtered", !!card && card.hidden);
    });
    status.textContent = "Showing " + shown + " of " + cards.length + " findings";
  }

  function reset() {
    boxes.forEach(function (box) { box.checked = true; });
    sourceSelect.value = "";
    search.value = "";
    apply();
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 2300);
  }

  function reveal(id) {
    if (!id) { return; }
    var el = doc.getElementById(id);
    if (!el) { return; }
    var card = el.closest ? el.closest("article.card") : null;
    if (card && card.hidden) { reset(); }
    var isText = el.classList.contains("hl");
    el.scrollIntoView({ block: isText ? "center" : "start", behavior: "instant" });
    if (el.tabIndex < 0 && !el.hasAttribute("tabindex") && !isText) { el.setAttribute("tabindex", "-1"); }
    try { el.focus({ preventScroll: true }); } catch (e) { el.focus(); }
    flash(el);
  }

  function fromHash() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { id = ""; }
    reveal(id);
  }

  controls.hidden = false;
  controls.addEventListener("submit", function (event) { event.preventDefault(); });
  controls.addEventListener("reset", function () { window.setTimeout(reset, 0); });
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  sourceSelect.addEventListener("change", apply);
  search.addEventListener("input", apply);
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { search.value = ""; apply(); }
  });

  highlights.forEach(function (hl) {
    hl.addEventListener("click", function () {
      returnTo = hl;
      backButton.hidden = false;
    });
  });
  backButton.addEventListener("click", function () {
    backButton.hidden = true;
    if (returnTo) {
      var target = returnTo;
      returnTo = null;
      target.scrollIntoView({ block: "center", behavior: "instant" });
      target.focus();
      flash(target);
    }
  });
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !backButton.hidden && event.target !== search) { backButton.click(); }
  });

  window.addEventListener("hashchange", fromHash);
  apply();
  if (window.location.hash) { fromHash(); }
})();
