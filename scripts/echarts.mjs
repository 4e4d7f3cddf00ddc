// Builds the ECharts the page loads: only the chart types and components Klaster draws
// (src/charts.rs), bundled by esbuild from the npm package into one script that defines the
// global `echarts` with the three calls the page makes (init, dispose, getInstanceByDom).
// The full echarts.min.js is 369 KB gzipped; this one is much smaller (README, cold load).
//
// Run by Trunk before every build (Trunk.toml hook); writes target/echarts/echarts.min.js,
// which index.html copies into dist/. A chart type added to src/charts.rs must be added here:
// the e2e suite draws every chart and fails on a missing one.
import { build } from "esbuild";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "target/echarts/echarts.min.js");
mkdirSync(dirname(out), { recursive: true });

const entry = `
import { use, init, dispose, getInstanceByDom } from "echarts/core";
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import {
  GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
use([
  BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart,
  GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
]);
export { init, dispose, getInstanceByDom };
`;

await build({
  stdin: { contents: entry, resolveDir: root, loader: "js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "echarts",
  target: "es2020",
  legalComments: "eof",
  outfile: out,
  logLevel: "warning",
});
