import type { TemperaturePoint } from '@calmdesk/core';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { clockTime } from '../shared/format.js';

/** The levels' bands behind the line, so a point reads as "angry" at a glance (and in words below). */
const BANDS = [
  { from: 0, to: 25, fill: 'rgba(46, 125, 50, 0.10)', word: 'calm' },
  { from: 25, to: 45, fill: 'rgba(138, 109, 0, 0.10)', word: 'uneasy' },
  { from: 45, to: 70, fill: 'rgba(180, 83, 9, 0.12)', word: 'upset' },
  { from: 70, to: 90, fill: 'rgba(198, 40, 40, 0.12)', word: 'angry' },
  { from: 90, to: 100, fill: 'rgba(142, 0, 0, 0.16)', word: 'furious' },
];

const HEIGHT = 170;

/** Behind the grid: each level's band. */
function drawBands(u: uPlot) {
  const { ctx } = u;
  const { left, width } = u.bbox;
  ctx.save();
  for (const band of BANDS) {
    const y0 = u.valToPos(band.to, 'y', true);
    const y1 = u.valToPos(band.from, 'y', true);
    ctx.fillStyle = band.fill;
    ctx.fillRect(left, y0, width, y1 - y0);
  }
  ctx.restore();
}

/** Over the grid: each band's word, on a light backing so grid lines do not cut through it. */
function drawBandWords(u: uPlot) {
  const { ctx } = u;
  const { left } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.font = `${Math.round(11 * px)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const band of BANDS) {
    const y = (u.valToPos(band.to, 'y', true) + u.valToPos(band.from, 'y', true)) / 2;
    const w = ctx.measureText(band.word).width;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(left + 3 * px, y - 7 * px, w + 6 * px, 14 * px);
    ctx.fillStyle = '#41464b';
    ctx.fillText(band.word, left + 6 * px, y);
  }
  ctx.restore();
}

function chartData(points: readonly TemperaturePoint[]): uPlot.AlignedData {
  return [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.temperature)];
}

/**
 * The customer's temperature over the conversation, one point per customer message. The
 * drawing is for sighted readers; the same points are in a table for everyone else.
 */
export function TemperatureChart({ points }: { points: readonly TemperaturePoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          y: { range: [0, 100] },
        },
        axes: [
          { stroke: '#555b61', grid: { stroke: '#e3e5e8' } },
          {
            stroke: '#555b61',
            grid: { stroke: '#e3e5e8' },
            splits: () => [0, 25, 45, 70, 90],
          },
        ],
        series: [
          {},
          {
            label: 'Temperature',
            stroke: '#1b1b1b',
            width: 2,
            points: { show: true, size: 8, fill: '#1b1b1b' },
          },
        ],
        hooks: { drawClear: [drawBands], drawAxes: [drawBandWords] },
      },
      chartData(points),
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => {
      u.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(chartData(points));
  }, [points]);

  const first = points[0];
  const last = points[points.length - 1];
  const peak = points.reduce<TemperaturePoint | undefined>(
    (p, x) => (p === undefined || x.temperature > p.temperature ? x : p),
    undefined,
  );
  const label =
    first === undefined || last === undefined || peak === undefined
      ? 'Temperature chart: no customer messages yet'
      : `Temperature over the conversation: ${points.length} customer ${points.length === 1 ? 'message' : 'messages'}, from ${first.temperature} (${first.level}) to ${last.temperature} (${last.level}), peak ${peak.temperature} (${peak.level}). The points are listed in the table that follows.`;

  return (
    <figure class="temp-chart">
      <div class="temp-chart-plot" ref={box} role="img" aria-label={label} />
      <table class="visually-hidden">
        <caption>Temperature of each customer message</caption>
        <thead>
          <tr>
            <th scope="col">Message</th>
            <th scope="col">Time</th>
            <th scope="col">Temperature</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.index}>
              <td>{p.index + 1}</td>
              <td>{clockTime(p.at)}</td>
              <td>
                {p.temperature} ({p.level})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
