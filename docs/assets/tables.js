/* Overview tables: sort by any column (numbers as numbers, verdicts by severity, blank dates last), filter by the
   columns marked data-filter; the article's sentence filter; heading anchors copy their link; names for the
   search dialog and keyboard access to scrolling boxes. No library, no network; without script every table and
   every sentence still reads in full. */
(function () {
  "use strict";

  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return (key === null ? cell.textContent : key).trim();
  }

  function compare(a, b, numeric) {
    if (a === b) return 0;
    if (a === "~" || a === "") return 1;   /* blanks after everything, in both directions (handled by caller) */
    if (b === "~" || b === "") return -1;
    var x = parseFloat(a), y = parseFloat(b);
    if (numeric || (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b)) {
      if (!isNaN(x) && !isNaN(y)) return x - y;
    }
    return a.localeCompare(b, undefined, { numeric: true });
  }

  function setupSort(table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sort by " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.hasAttribute("data-numeric");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var a = sortKey(r, index), b = sortKey(s, index);
          var blankA = a === "~" || a === "", blankB = b === "~" || b === "";
          if (blankA || blankB) return blankA === blankB ? 0 : (blankA ? 1 : -1);
          var c = compare(a, b, numeric);
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filterValue(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-value") || "").trim() : "";
  }

  function setupFilters(table) {
    var body = table.tBodies[0], selects = [];
    var bar = document.createElement("div");
    bar.className = "overview-filters";
    var count = document.createElement("span");
    count.className = "overview-count";
    count.setAttribute("aria-live", "polite");
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var keep = selects.every(function (s) { return s.select.value === "*" || filterValue(row, s.index) === s.select.value; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown + " of " + body.rows.length + " shown";
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-filter")) return;
      var name = th.textContent.trim();
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.setAttribute("data-column", name);
      var seen = {};
      Array.prototype.forEach.call(body.rows, function (row) { seen[filterValue(row, index)] = true; });
      var all = document.createElement("option");
      all.value = "*";
      all.textContent = "all";
      select.appendChild(all);
      Object.keys(seen).sort().forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      label.appendChild(document.createTextNode(name + " "));
      label.appendChild(select);
      bar.appendChild(label);
      selects.push({ select: select, index: index });
    });
    bar.appendChild(count);
    var box = table.closest(".overview-box") || table;
    box.parentNode.insertBefore(bar, box);
    apply();
  }

  function setupArticleFilter() {
    var bar = document.querySelector(".article-filter");
    if (!bar || bar.getAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "1");
    var sentences = document.querySelectorAll(".sentence");
    var count = bar.querySelector(".article-filter-count");
    function show(kind) {
      var shown = 0;
      sentences.forEach(function (s) {
        var keep = kind === "all" || (" " + s.getAttribute("data-show") + " ").indexOf(" " + kind + " ") >= 0;
        s.hidden = !keep;
        if (keep) shown += 1;
      });
      bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-show") === kind)); });
      count.textContent = shown + " of " + sentences.length + " sentences shown";
    }
    bar.querySelectorAll("button").forEach(function (b) {
      b.addEventListener("click", function () { show(b.getAttribute("data-show")); });
    });
    show("all");
  }

  function setupCopyLinks() {
    document.querySelectorAll(".md-typeset a.headerlink").forEach(function (link) {
      link.title = "Copy the link to this section";
      link.addEventListener("click", function () {
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        if (navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {});
        link.setAttribute("data-copied", "");
        window.setTimeout(function () { link.removeAttribute("data-copied"); }, 1500);
      });
    });
  }

  function setupAccess() {
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (d) { d.setAttribute("aria-label", "Search"); });
    document.querySelectorAll(".overview-box, .md-typeset__scrollwrap, .chart").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        box.setAttribute("tabindex", "0");
        if (!box.getAttribute("role")) box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent : "Scrolling table");
      }
    });
  }

  function setup() {
    document.querySelectorAll("table.overview").forEach(function (table) {
      if (table.getAttribute("data-ready")) return;
      table.setAttribute("data-ready", "1");
      setupSort(table);
      setupFilters(table);
    });
    setupArticleFilter();
    setupCopyLinks();
    setupAccess();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
