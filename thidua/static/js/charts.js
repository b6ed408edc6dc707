/*
 * charts.js: charts drawn from the page's own data tables (progressive enhancement).
 *
 * Convention (shared by the dashboard and the statistics pages):
 *
 *   <table data-chart="bar" id="..."> with a <caption>, a <thead> whose last row names the
 *   columns, and a <tbody> whose rows each start with a <th scope="row"> (the label) followed by
 *   <td> numbers. The first column gives the labels (x axis, or the slices of a pie); every other
 *   column is one data series named by its header cell. Numbers come from a cell's `data-value`
 *   (plain number, dot as decimal point) or else from its text (Vietnamese "1.234,5" is read).
 *
 *   data-chart          bar | bar-stacked | hbar | hbar-stacked | line | pie | doughnut
 *   data-chart-label    accessible name of the chart (default: the caption's text)
 *   data-chart-series="rows"   each body row is a series and the columns are the labels
 *   data-chart-skip     on a <th> of the header (that column is left out, e.g. a total) or on a
 *                       <tr> of the body (that row is left out); a <tfoot> is always left out
 *   data-chart-height   height of the chart in CSS pixels (default 288)
 *   data-chart-colors   comma-separated colours of the series, in column order (default palette)
 *
 * The chart goes into a <div class="chart-box"><canvas role="img" aria-label="…"></div> placed
 * before the closest ancestor marked [data-chart-anchor], else the closest <details>, else the
 * closest .table-wrap, else the table itself. The table stays in the page: the include
 * `reports/_chart_table.html` puts it in <details open> ("Xem bảng số liệu"), which this script
 * closes once the chart is drawn (add data-chart-keep-open to the table to keep it open).
 * Without JavaScript, or without Chart.js, the table simply stays as it is.
 *
 * A page that has charts loads, once, with `defer`, after Chart.js, in its head block:
 *   {% block head %}{% include "reports/_chart_assets.html" %}{% endblock %}
 * (vendor/chartjs/chart.umd.min.js, then this file, plus css/reports.css). Content swapped in by
 * htmx is enhanced too; `window.thiduaCharts.render(element)` enhances any element's tables.
 */
(function () {
  "use strict";

  var PALETTE = [
    "#a4161a", "#0b5cad", "#d98e04", "#17612f", "#6b3fa0",
    "#00838f", "#8d4b00", "#c2185b", "#4a5563", "#7cb342",
  ];

  function text(cell) {
    return (cell.textContent || "").replace(/\s+/g, " ").trim();
  }

  function number(cell) {
    if (!cell) return null;
    var raw = cell.getAttribute("data-value");
    if (raw !== null && raw !== "") {
      var v = Number(raw);
      return isNaN(v) ? null : v;
    }
    var t = text(cell).replace(/[\s\u00a0%]/g, "");
    if (t === "" || t === "—" || t === "-") return null;
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) || /^-?\d+,\d+$/.test(t)) {
      t = t.replace(/\./g, "").replace(",", ".");
    }
    var n = Number(t);
    return isNaN(n) ? null : n;
  }

  function read(table) {
    var headRows = table.tHead ? table.tHead.rows : [];
    var head = headRows.length ? headRows[headRows.length - 1].cells : [];
    var columns = [];
    for (var i = 1; i < head.length; i++) {
      if (!head[i].hasAttribute("data-chart-skip")) columns.push({ index: i, name: text(head[i]) });
    }
    var rows = [];
    for (var b = 0; b < table.tBodies.length; b++) {
      var body = table.tBodies[b].rows;
      for (var r = 0; r < body.length; r++) {
        var tr = body[r];
        if (tr.hasAttribute("data-chart-skip") || tr.cells.length < 2) continue;
        rows.push({
          label: text(tr.cells[0]),
          values: columns.map(function (c) { return number(tr.cells[c.index]); }),
        });
      }
    }
    if (table.getAttribute("data-chart-series") === "rows") {
      return {
        labels: columns.map(function (c) { return c.name; }),
        series: rows.map(function (row) { return { name: row.label, values: row.values }; }),
      };
    }
    return {
      labels: rows.map(function (row) { return row.label; }),
      series: columns.map(function (c, k) {
        return { name: c.name, values: rows.map(function (row) { return row.values[k]; }) };
      }),
    };
  }

  function config(kind, data, colours) {
    var palette = colours && colours.length ? colours : PALETTE;
    var round = kind === "pie" || kind === "doughnut";
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var datasets = data.series.map(function (s, k) {
      var colour = palette[k % palette.length];
      return {
        label: s.name,
        data: s.values,
        backgroundColor: round ? data.labels.map(function (_, j) { return palette[j % palette.length]; }) : colour,
        borderColor: round ? "#fff" : colour,
        borderWidth: round ? 1 : 2,
        fill: false,
        tension: 0.2,
      };
    });
    var horizontal = kind === "hbar" || kind === "hbar-stacked";
    var stacked = kind === "bar-stacked" || kind === "hbar-stacked";
    var type = horizontal || stacked ? "bar" : kind;
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      locale: document.documentElement.lang || "vi",
      animation: reduced ? false : { duration: 400 },
      plugins: { legend: { display: round || datasets.length > 1, position: "bottom" } },
    };
    if (!round) {
      var value = { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } };
      var category = { stacked: stacked, ticks: { autoSkip: !horizontal } };
      options.scales = horizontal ? { x: value, y: category } : { x: category, y: value };
      if (horizontal) options.indexAxis = "y";
    }
    return { type: type, data: { labels: data.labels, datasets: datasets }, options: options };
  }

  function anchorOf(table) {
    return (
      table.closest("[data-chart-anchor]") ||
      table.closest("details") ||
      table.closest(".table-wrap") ||
      table
    );
  }

  function draw(table) {
    if (table.getAttribute("data-chart-drawn") === "true") return;
    var kind = table.getAttribute("data-chart") || "bar";
    var data = read(table);
    if (!data.labels.length || !data.series.length) return;
    var caption = table.caption ? text(table.caption) : "";
    var label = table.getAttribute("data-chart-label") || caption;
    var box = document.createElement("div");
    box.className = "chart-box";
    box.style.height = (parseInt(table.getAttribute("data-chart-height"), 10) || 288) + "px";
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    if (table.id) {
      canvas.id = table.id + "-chart";
      canvas.setAttribute("aria-describedby", table.caption && table.caption.id ? table.caption.id : table.id);
    }
    canvas.textContent = label;
    box.appendChild(canvas);
    var anchor = anchorOf(table);
    anchor.parentNode.insertBefore(box, anchor);
    var colours = (table.getAttribute("data-chart-colors") || "").split(",").filter(Boolean);
    new window.Chart(canvas, config(kind, data, colours));
    table.setAttribute("data-chart-drawn", "true");
    var details = table.closest("details");
    if (details && !table.hasAttribute("data-chart-keep-open")) details.open = false;
  }

  function render(root) {
    if (typeof window.Chart !== "function") return;
    var tables = (root || document).querySelectorAll("table[data-chart]");
    for (var i = 0; i < tables.length; i++) {
      try {
        draw(tables[i]);
      } catch (e) {
        if (window.console) window.console.error("charts.js", e);
      }
    }
  }

  window.thiduaCharts = { render: render, read: read };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document); });
  } else {
    render(document);
  }
  // After an htmx swap the swapped element may be detached: look at the whole page (a table
  // already drawn is skipped).
  document.addEventListener("htmx:afterSettle", function () { render(document); });
})();
