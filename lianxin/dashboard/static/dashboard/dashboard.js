/* Dashboard and big-screen charts (ECharts), from the JSON the page carries (json_script), no inline code.
   The big screen (.screen-wrap[data-refresh-url]) refetches its data every data-refresh-seconds. */
(function () {
  "use strict";
  var charts = {};

  /* Each chart arrives as {option, height}: the options are built and tested on the server
     (lianxin/dashboard/chart_options.py); a height, when given, is what a bar chart's rows need. */
  function draw(options) {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var name = el.getAttribute("data-chart");
      var spec = options[name];
      if (!spec) { return; }
      if (spec.height && !document.body.classList.contains("screen")) { el.style.height = spec.height + "px"; }
      var chart = charts[name] || echarts.init(el, null, { renderer: "canvas" });
      charts[name] = chart;
      chart.resize();
      chart.setOption(spec.option, true);
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
      // The counts stay links to their cases: only the numbers change on a refresh.
      var numerator = el.querySelector("[data-numerator]"), denominator = el.querySelector("[data-denominator]");
      if (numerator && denominator) { numerator.textContent = c.numerator; denominator.textContent = c.denominator; }
      else { el.querySelector("[data-counts]").textContent = c.numerator + " / " + c.denominator; }
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
          .then(function (d) {
            if (!d) { return; }
            draw(d.options);
            cards(d.cards);
            var period = document.querySelector("[data-period]");
            if (period && d.period) { period.textContent = d.period; }
          })
          .catch(function () { /* keep the last picture; try again next time */ });
      }, seconds * 1000);
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
