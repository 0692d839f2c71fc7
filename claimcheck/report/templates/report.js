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

  // The statement x source matrix: without scripts a plain table in report order. A button in the first
  // header cell sorts the source columns by how often each source is the outlier (most first, ties in report
  // order) and back; a button on a source's letter puts the rows where that source states another value first
  // (then the majority, the sources that state it, silent; ties in report order) and back.
  function setupMatrix(table) {
    var headRow = table.tHead.rows[0];
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var heads = Array.prototype.slice.call(headRow.cells, 1);
    var grid = [headRow].concat(rows).map(function (row) { return Array.prototype.slice.call(row.cells, 1); });
    var rank = { "m-other": 0, "m-majority": 1, "m-states": 2, "m-silent": 3 };
    var counts = heads.map(function (th, i) {
      var given = parseInt(th.getAttribute("data-outliers"), 10);
      if (!isNaN(given)) { return given; }
      return grid.slice(1).filter(function (cells) { return cells[i].className === "m-other"; }).length;
    });
    var reportOrder = heads.map(function (th, i) { return i; });
    var byOutliers = reportOrder.slice().sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    var columnButton = doc.createElement("button");
    columnButton.type = "button";
    columnButton.className = "m-sort";
    columnButton.setAttribute("aria-pressed", "false");
    columnButton.textContent = "Sources by outlier count";
    headRow.cells[0].appendChild(doc.createTextNode(" "));
    headRow.cells[0].appendChild(columnButton);
    columnButton.addEventListener("click", function () {
      var on = columnButton.getAttribute("aria-pressed") !== "true";
      columnButton.setAttribute("aria-pressed", on ? "true" : "false");
      var order = on ? byOutliers : reportOrder;
      grid.forEach(function (cells, r) {
        var row = r === 0 ? headRow : rows[r - 1];
        order.forEach(function (i) { row.appendChild(cells[i]); });
      });
    });
    var rowButtons = heads.map(function (th, i) {
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "m-sort-rows";
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-label", th.textContent.trim() + ": its other values first (outlier in " +
        counts[i] + ")");
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        rowButtons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
        button.setAttribute("aria-pressed", on ? "true" : "false");
        var order = rows.map(function (row, r) { return r; });
        if (on) {
          order.sort(function (a, b) {
            return rank[grid[a + 1][i].className] - rank[grid[b + 1][i].className] || a - b;
          });
        }
        var body = table.tBodies[0];
        order.forEach(function (r) { body.appendChild(rows[r]); });
      });
      return button;
    });
  }

  var matrixTable = doc.querySelector(".matrix-table");
  if (matrixTable && matrixTable.tHead && matrixTable.tBodies.length) { setupMatrix(matrixTable); }

  window.addEventListener("hashchange", fromHash);
  apply();
  if (window.location.hash) { fromHash(); }
})();
