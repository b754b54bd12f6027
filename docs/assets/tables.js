/* Overview tables: sort by any column, filter by the columns marked data-filter; heading anchors copy their link.
   No library, no network; without script every table still reads in full. */
(function () {
  "use strict";

  function value(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-value") || cell.textContent).trim() : "";
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) return x - y;
    return a.localeCompare(b, undefined, { numeric: true });
  }

  function setupSort(table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.title = "Sort by " + th.textContent;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) { var c = compare(value(r, index), value(s, index)); return ascending ? c : -c; });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
    });
  }

  function setupFilters(table) {
    var body = table.tBodies[0], selects = [];
    var bar = document.createElement("div");
    bar.className = "overview-filters";
    var count = document.createElement("span");
    count.className = "overview-count";
    function apply() {
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var keep = selects.every(function (s) { return !s.select.value || value(row, s.index) === s.select.value; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown + " of " + body.rows.length + " shown";
    }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-filter")) return;
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.setAttribute("data-column", th.textContent);
      var seen = {};
      Array.prototype.forEach.call(body.rows, function (row) { seen[value(row, index)] = true; });
      [""].concat(Object.keys(seen).sort()).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v || "all";
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      label.appendChild(document.createTextNode(th.textContent + " "));
      label.appendChild(select);
      bar.appendChild(label);
      selects.push({ select: select, index: index });
    });
    bar.appendChild(count);
    var box = table.closest(".overview-box") || table;
    box.parentNode.insertBefore(bar, box);
    apply();
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

  function setup() {
    document.querySelectorAll("table.overview").forEach(function (table) {
      if (table.getAttribute("data-ready")) return;
      table.setAttribute("data-ready", "1");
      setupSort(table);
      setupFilters(table);
    });
    setupCopyLinks();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
