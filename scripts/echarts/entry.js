// The ECharts the dashboard and the big screen draw with, and nothing else: the chart types and components
// the options of lianxin/dashboard/chart_options.py use, and the canvas renderer. A new chart type or
// component there means adding it here and running scripts/build_echarts.sh (the page would otherwise
// draw nothing; the test of chart_options checks the two lists agree).
import * as echarts from "echarts/core";
import { BarChart, GaugeChart, LineChart, TreemapChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  BarChart,
  GaugeChart,
  LineChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { init, getInstanceByDom, version } from "echarts/core";
