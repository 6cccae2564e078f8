/* Dashboard and big-screen charts (ECharts), from the JSON the page carries (json_script), no inline code.
   The big screen (.screen-wrap[data-refresh-url]) refetches its data every data-refresh-seconds. */
(function () {
  "use strict";
  var dark = document.body.classList.contains("screen");
  var text = dark ? "#d7e3f4" : "#1f2329";
  var palette = ["#c8102e", "#2f6fba", "#f0a020", "#3a9d5d", "#7e57c2", "#00897b", "#8d6e63", "#607d8b"];
  var charts = {};

  function base() {
    return { color: palette, textStyle: { color: text }, backgroundColor: "transparent", animation: !dark };
  }

  var builders = {
    trend: function (d) {
      return Object.assign(base(), {
        tooltip: { trigger: "axis" },
        legend: { data: ["上报", "办结", "办结率%", "满意率%"], textStyle: { color: text } },
        grid: { left: 40, right: 40, top: 40, bottom: 30 },
        xAxis: { type: "category", data: d.labels, axisLabel: { color: text } },
        yAxis: [{ type: "value", axisLabel: { color: text } }, { type: "value", max: 100, axisLabel: { color: text } }],
        series: [
          { name: "上报", type: "bar", data: d.reported },
          { name: "办结", type: "bar", data: d.closed },
          { name: "办结率%", type: "line", yAxisIndex: 1, data: d.resolution, connectNulls: true },
          { name: "满意率%", type: "line", yAxisIndex: 1, data: d.satisfaction, connectNulls: true }
        ]
      });
    },
    categories: function (d) {
      return Object.assign(base(), {
        tooltip: { trigger: "item" },
        series: [{ type: "pie", radius: ["35%", "70%"], data: d, label: { color: text } }]
      });
    },
    ranking: function (d) {
      return Object.assign(base(), {
        tooltip: { trigger: "axis" },
        grid: { left: 90, right: 30, top: 10, bottom: 20 },
        xAxis: { type: "value", axisLabel: { color: text, formatter: "{value}" + d.unit } },
        yAxis: { type: "category", inverse: true, data: d.labels, axisLabel: { color: text } },
        series: [{ type: "bar", data: d.values, label: { show: true, position: "right", color: text } }]
      });
    },
    treemap: function (d) {
      return Object.assign(base(), {
        tooltip: { formatter: "{b}: {c}" },
        series: [{ type: "treemap", data: d, roam: false, nodeClick: false, breadcrumb: { show: false },
          levels: [{ itemStyle: { borderColor: "#fff", borderWidth: 2, gapWidth: 2 } }, { colorSaturation: [0.35, 0.6] }] }]
      });
    },
    gauges: function (d) {
      var series = d.slice(0, 6).map(function (g, i) {
        return { type: "gauge", radius: "38%", center: [(i % 3) * 33 + 17 + "%", (i < 3 ? 28 : 75) + "%"],
          min: 0, max: 100, progress: { show: true }, detail: { formatter: "{value}%", fontSize: 14, color: text },
          title: { color: text, fontSize: 12, offsetCenter: [0, "80%"] }, axisLabel: { show: false }, splitLine: { show: false },
          data: [{ value: g.value === null ? 0 : g.value, name: g.name }] };
      });
      return Object.assign(base(), { series: series });
    }
  };

  function draw(data) {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var name = el.getAttribute("data-chart");
      if (!builders[name] || data[name] === undefined) { return; }
      var chart = charts[name] || echarts.init(el, null, { renderer: "canvas" });
      charts[name] = chart;
      chart.setOption(builders[name](data[name]), true);
      if (name === "treemap" && el.getAttribute("data-base-url") && !chart._lianxinClick) {
        chart._lianxinClick = true;
        chart.on("click", function (p) {
          if (p.data && p.data.id) { window.location.search = el.getAttribute("data-base-url") + p.data.id; }
        });
      }
    });
    document.documentElement.setAttribute("data-charts-ready", "true");
  }

  function cards(list) {
    list.forEach(function (c) {
      var el = document.querySelector('[data-card="' + c.key + '"]');
      if (!el) { return; }
      var v = c.value === null ? "—" : c.unit === "h" ? c.value.toFixed(1) + "h" : (c.value * 100).toFixed(1) + "%";
      el.querySelector("[data-value]").textContent = v;
      el.querySelector("[data-counts]").textContent = c.numerator + " / " + c.denominator;
    });
  }

  function start() {
    var source = document.getElementById("dashboard-charts");
    if (!source || typeof echarts === "undefined") { return; }
    draw(JSON.parse(source.textContent));
    window.addEventListener("resize", function () { Object.values(charts).forEach(function (c) { c.resize(); }); });
    var wrap = document.querySelector("[data-refresh-url]");
    if (wrap) {
      var seconds = parseInt(wrap.getAttribute("data-refresh-seconds"), 10) || 60;
      var clock = document.querySelector("[data-clock]");
      var tick = function () { if (clock) { clock.textContent = new Date().toLocaleTimeString("zh-CN"); } };
      tick();
      window.setInterval(tick, 1000);
      window.setInterval(function () {
        fetch(wrap.getAttribute("data-refresh-url"), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d) { draw(d.charts); cards(d.cards); } })
          .catch(function () { /* keep the last picture; try again next time */ });
      }, seconds * 1000);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
