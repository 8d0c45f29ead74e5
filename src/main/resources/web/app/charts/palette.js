// Chart colours matching the stylesheet's custom properties.
export const palette = {
  text: '#c9d3e0',
  muted: '#7d8a9c',
  grid: '#263140',
  good: '#3ccf7a',
  warn: '#f5b342',
  bad: '#ff5c6a',
  asa: '#4aa8ff',
  abandon: '#ff8a5c',
  sl: '#3ccf7a',
};

export const SL_TARGET = 80;

export function slColour(sl) {
  if (sl == null) return palette.muted;
  if (sl >= SL_TARGET) return palette.good;
  if (sl >= 60) return palette.warn;
  return palette.bad;
}

/** Shared look: transparent background, legible axis text on a dark board. */
export function base() {
  return {
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontFamily: 'inherit' },
    animationDuration: 400,
    animationDurationUpdate: 400,
    tooltip: { trigger: 'axis', backgroundColor: '#111822', borderColor: palette.grid, textStyle: { color: palette.text } },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
  };
}

export function valueAxis(extra = {}) {
  return {
    type: 'value',
    axisLabel: { color: palette.muted },
    splitLine: { lineStyle: { color: palette.grid } },
    nameTextStyle: { color: palette.muted },
    ...extra,
  };
}

export function categoryAxis(data, extra = {}) {
  // Many queues: slanted names, so that each stays readable under its bars.
  const crowded = data.length > 5;
  return {
    type: 'category',
    data,
    axisLabel: { color: palette.text, interval: 0, overflow: 'truncate', width: crowded ? 70 : 90, rotate: crowded ? 30 : 0 },
    axisLine: { lineStyle: { color: palette.grid } },
    axisTick: { show: false },
    ...extra,
  };
}
