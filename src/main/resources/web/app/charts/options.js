import { SL_TARGET, base, categoryAxis, palette, slColour, valueAxis } from './palette.js';
import { seconds } from '../util/format.js';

function legend() {
  return { top: 0, left: 'center', itemHeight: 10, textStyle: { color: palette.text } };
}

/** Service level per queue, bars coloured against the target line. */
export function serviceLevelOption(queues) {
  return {
    ...base(),
    grid: { left: 8, right: 12, top: 28, bottom: 4, containLabel: true },
    xAxis: categoryAxis(queues.map((q) => q.queue)),
    yAxis: valueAxis({ min: 0, max: 100, axisLabel: { color: palette.muted, formatter: '{value}%' } }),
    series: [{
      id: 'sl',
      type: 'bar',
      name: 'Service level',
      barMaxWidth: 56,
      data: queues.map((q) => ({
        value: q.figures?.serviceLevel ?? null,
        itemStyle: { color: slColour(q.figures?.serviceLevel), borderRadius: [4, 4, 0, 0] },
      })),
      label: { show: true, position: 'top', color: palette.text, formatter: (p) => (p.value == null ? '' : `${p.value.toFixed(0)}%`) },
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: palette.muted, type: 'dashed' },
        label: { show: false },
        data: [{ yAxis: SL_TARGET }],
      },
    }],
  };
}

/** Average speed of answer (seconds, left) and abandon rate (%, right) per queue. */
export function asaAbandonOption(queues) {
  return {
    ...base(),
    legend: legend(),
    xAxis: categoryAxis(queues.map((q) => q.queue)),
    yAxis: [
      valueAxis({ min: 0, axisLabel: { color: palette.muted, formatter: '{value} s' } }),
      valueAxis({ min: 0, splitLine: { show: false }, axisLabel: { color: palette.muted, formatter: '{value}%' } }),
    ],
    series: [
      {
        id: 'asa', type: 'bar', name: 'ASA (s)', yAxisIndex: 0, barMaxWidth: 32, itemStyle: { color: palette.asa, borderRadius: [4, 4, 0, 0] },
        data: queues.map((q) => seconds(q.figures?.asaMillis)),
      },
      {
        id: 'abandon', type: 'bar', name: 'Abandon rate (%)', yAxisIndex: 1, barMaxWidth: 32, itemStyle: { color: palette.abandon, borderRadius: [4, 4, 0, 0] },
        data: queues.map((q) => q.figures?.abandonRate ?? null),
      },
    ],
  };
}

/** Today per 15-minute interval: service level and abandon rate (%, left), ASA (s, right). */
export function intervalsOption(intervals) {
  const label = (i) => new Date(i.from).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const line = (id, name, colour, yAxisIndex, pick) => ({
    id, type: 'line', name, yAxisIndex, smooth: true, showSymbol: intervals.length < 40, connectNulls: false,
    lineStyle: { width: 2, color: colour }, itemStyle: { color: colour },
    data: intervals.map((i) => pick(i.figures ?? {})),
  });
  return {
    ...base(),
    legend: legend(),
    xAxis: categoryAxis(intervals.map(label), { boundaryGap: false, axisLabel: { color: palette.muted } }),
    yAxis: [
      valueAxis({ min: 0, max: 100, axisLabel: { color: palette.muted, formatter: '{value}%' } }),
      valueAxis({ min: 0, splitLine: { show: false }, axisLabel: { color: palette.muted, formatter: '{value} s' } }),
    ],
    series: [
      line('sl', 'Service level (%)', palette.sl, 0, (f) => f.serviceLevel ?? null),
      line('abandon', 'Abandon rate (%)', palette.abandon, 0, (f) => f.abandonRate ?? null),
      line('asa', 'ASA (s)', palette.asa, 1, (f) => seconds(f.asaMillis)),
    ],
  };
}
