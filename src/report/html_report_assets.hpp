#pragma once
// The report page's style and script, inline so the file needs no network. The script only
// ever sets textContent and attributes: file names never become markup.
#include <string_view>

namespace samplemind {

inline constexpr std::string_view k_html_report_style = R"CSS(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fafafa; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(11em, 1fr)); gap: .5em; }
dl.summary div { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .5em .8em; }
dl.summary dt { font-size: .8em; color: #666; } dl.summary dd { margin: 0; font-size: 1.3em; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
svg text { font: 10px sans-serif; fill: #333; }
.bar { fill: #4a7bd0; } .wheel-cell { stroke: #fff; stroke-width: 1; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: .25em .5em; text-align: left; white-space: nowrap; }
th { cursor: pointer; user-select: none; background: #f0f0f0; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " \25B2"; } th[aria-sort="descending"]::after { content: " \25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.path { white-space: normal; word-break: break-all; }
.categories li { list-style: none; } .categories span.meter { display: inline-block; height: .8em; background: #4a7bd0; }
#filter { margin: .5em 0; padding: .3em; width: 20em; }
)CSS";

inline constexpr std::string_view k_html_report_script = R"JS(
(function () {
  "use strict";
  var table = document.getElementById("files");
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var filterBox = document.getElementById("filter");
  var visible = document.getElementById("visible-count");

  function cellValue(row, key, numeric) {
    var cell = row.querySelector('td[data-key="' + key + '"]');
    if (!cell) return null;
    var raw = cell.getAttribute("data-value");
    if (raw === null || raw === "") return null;
    if (!numeric) return raw.toLowerCase();
    var number = parseFloat(raw);
    return isFinite(number) ? number : null;
  }

  function sortBy(key, order) {
    var header = headers.filter(function (h) { return h.getAttribute("data-key") === key; })[0];
    if (!header) return;
    var numeric = header.getAttribute("data-type") === "number";
    var sign = order === "desc" ? -1 : 1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, key, numeric), y = cellValue(b, key, numeric);
      if (x === null && y === null) return 0;
      if (x === null) return 1;   // rows without a value go last either way
      if (y === null) return -1;
      return x < y ? -sign : x > y ? sign : 0;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", order === "desc" ? "descending" : "ascending");
    table.setAttribute("data-sorted-by", key);
    table.setAttribute("data-sort-order", order === "desc" ? "desc" : "asc");
  }

  function applyFilter(text) {
    var needle = text.toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var match = needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1;
      row.hidden = !match;
      if (match) shown += 1;
    });
    visible.textContent = String(shown);
    table.setAttribute("data-visible-rows", String(shown));
  }

  headers.forEach(function (header) {
    header.addEventListener("click", function () {
      var key = header.getAttribute("data-key");
      var again = table.getAttribute("data-sorted-by") === key && table.getAttribute("data-sort-order") === "asc";
      sortBy(key, again ? "desc" : "asc");
    });
  });
  filterBox.addEventListener("input", function () { applyFilter(filterBox.value); });

  // A link can open the page sorted and filtered: #sort=bpm&order=desc&filter=kick
  var state = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var at = part.indexOf("=");
    if (at > 0) state[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
  });
  if (state.sort) sortBy(state.sort, state.order === "desc" ? "desc" : "asc");
  if (state.filter) filterBox.value = state.filter;
  applyFilter(filterBox.value);
  document.documentElement.setAttribute("data-script-ran", "yes");
})();
)JS";

}  // namespace samplemind
