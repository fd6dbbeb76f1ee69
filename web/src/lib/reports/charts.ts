// Chart.js lives only here, and this module is imported dynamically by the reports page, so
// no other route downloads it. Only the pieces the three charts use are registered.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

/** The app's colours (global.css), so the charts match the tables and badges. */
function palette(element: Element) {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--text', '#1a1a1a'),
    muted: get('--muted', '#555'),
    grid: get('--border', '#d6d8dc'),
    accent: get('--accent', '#0b5cad'),
    fault: get('--status-fault', '#d55e00'),
    warning: get('--status-warning', '#e69f00'),
    strong: get('--border-strong', '#8a8f98'),
  };
}

function base(element: Element) {
  const p = palette(element);
  Chart.defaults.color = p.text;
  Chart.defaults.borderColor = p.grid;
  Chart.defaults.font.family = getComputedStyle(element).fontFamily;
  return p;
}

/** A duration in the axis' unit (`per` seconds each), to one decimal. */
const inUnit = (seconds: number | null | undefined, per: number) =>
  seconds === null || seconds === undefined ? null : Math.round((seconds / per) * 10) / 10;

export interface ParetoBar {
  name: string;
  seconds: number;
  cumulative: number;
}

/** Downtime per machine as bars, worst first, and the cumulative share as a line (0–100 %). */
export function paretoChart(
  canvas: HTMLCanvasElement,
  bars: ParetoBar[],
  words: { unit: string; unitSeconds: number; cumulative: string; downtime: string },
): Chart {
  const p = base(canvas);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: bars.map((b) => b.name),
      datasets: [
        {
          type: 'bar',
          label: words.downtime,
          data: bars.map((b) => inUnit(b.seconds, words.unitSeconds)),
          backgroundColor: p.fault,
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'line',
          label: words.cumulative,
          data: bars.map((b) => Math.round(b.cumulative * 1000) / 10),
          borderColor: p.accent,
          backgroundColor: p.accent,
          pointStyle: 'rectRot',
          pointRadius: 4,
          yAxisID: 'share',
          order: 1,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: words.unit } },
        share: {
          position: 'right',
          min: 0,
          max: 100,
          grid: { drawOnChartArea: false },
          title: { display: true, text: words.cumulative },
        },
        x: { ticks: { autoSkip: false, maxRotation: 60 } },
      },
    },
  });
}

/** MTTR and MTTA per week: two lines told apart by colour and point shape. */
export function trendChart(
  canvas: HTMLCanvasElement,
  weeks: { label: string; mttr: number | null; mtta: number | null }[],
  words: { unit: string; unitSeconds: number; mttr: string; mtta: string },
): Chart {
  const p = base(canvas);
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: weeks.map((w) => w.label),
      datasets: [
        {
          label: words.mttr,
          data: weeks.map((w) => inUnit(w.mttr, words.unitSeconds)),
          borderColor: p.fault,
          backgroundColor: p.fault,
          pointStyle: 'rect',
          pointRadius: 5,
          spanGaps: true,
        },
        {
          label: words.mtta,
          data: weeks.map((w) => inUnit(w.mtta, words.unitSeconds)),
          borderColor: p.accent,
          backgroundColor: p.accent,
          pointStyle: 'circle',
          pointRadius: 5,
          borderDash: [6, 4],
          spanGaps: true,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: words.unit } } },
    },
  });
}

/** Cases per severity, as bars named on the axis (the colour only repeats the word). */
export function severityChart(
  canvas: HTMLCanvasElement,
  counts: { label: string; count: number; level: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' }[],
  words: { cases: string },
): Chart {
  const p = base(canvas);
  const colour = { CRITICAL: p.fault, HIGH: p.warning, MEDIUM: p.accent, LOW: p.strong };
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: counts.map((c) => c.label),
      datasets: [
        {
          label: words.cases,
          data: counts.map((c) => c.count),
          backgroundColor: counts.map((c) => colour[c.level]),
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}
