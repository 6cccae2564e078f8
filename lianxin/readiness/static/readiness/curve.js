/* The response curve of a mobilisation's live page (lianxin/readiness/views.py): the data arrive in the
   page's json_script (no inline code, CSP); this draws the answers so far against the minutes since launch. */
(function () {
  "use strict";

  function start() {
    var el = document.querySelector("[data-response-curve]");
    if (!el || typeof echarts === "undefined") { return; }
    var source = document.getElementById(el.getAttribute("data-response-curve"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    el.style.width = "100%";
    el.style.height = "320px";
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 20, top: 20, bottom: 40 },
      xAxis: { type: "category", name: spec.labels.minutes, nameLocation: "middle", nameGap: 26, data: spec.minutes },
      yAxis: { type: "value", max: spec.called, minInterval: 1 },
      series: [{ name: spec.labels.answered, type: "line", step: "end", areaStyle: {}, data: spec.answered }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-chart-ready", "true");
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
