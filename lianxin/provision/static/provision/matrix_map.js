/* The map of the service places on the 1+N+X matrix page (lianxin/provision/places_map.py): the ECharts option
   arrives in the page's json_script (no inline code, CSP); this draws it, names each place with its format and
   functions in the tooltip, and opens a place's page on a click. */
(function () {
  "use strict";

  function escape(text) {
    return String(text === undefined || text === null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function start() {
    var el = document.querySelector("[data-matrix-map]");
    if (!el || typeof echarts === "undefined") { return; }
    var source = document.getElementById(el.getAttribute("data-matrix-map"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var labels = spec.labels || {};
    el.style.width = "100%";
    el.style.height = (spec.height || 460) + "px";
    var option = spec.option;
    option.tooltip.formatter = function (p) {
      var d = p.data || {};
      return "<strong>" + escape(d.name) + "</strong><br>" + escape(d.format) +
        "<br>" + escape(labels.area) + "：" + escape(d.area) +
        "<br>" + escape(labels.functions) + "：" + escape(d.functions || labels.none);
    };
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option, true);
    chart.on("click", function (p) {
      if (p.data && p.data.url && p.data.url.charAt(0) === "/") { window.location.href = p.data.url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-map-ready", "true");
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
