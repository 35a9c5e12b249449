// Thin helpers over chart.js (loaded from the webjar as the global Chart). Animations are off:
// a live refresh redraws in place, and what the canvas shows is at once what chart.js holds,
// which the browser tests read back with Chart.getChart(canvas).

const PALETTE = [
  '#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563',
  '#65a30d', '#9333ea',
];

export function color(i) {
  return PALETTE[i % PALETTE.length];
}

function baseOptions(yTitle, percent) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    scales: {
      y: {
        beginAtZero: true,
        title: { display: !!yTitle, text: yTitle },
        ticks: percent ? { callback: (v) => `${(v * 100).toFixed(0)} %` } : { precision: 0 },
      },
    },
  };
}

/**
 * Draws (or redraws in place) a chart on a canvas. series: [{label, data}]; kind: 'line' | 'bar'.
 */
export function draw(canvas, kind, labels, series, { yTitle = '', percent = false } = {}) {
  const datasets = series.map((s, i) => ({
    label: s.label,
    data: s.data,
    borderColor: color(i),
    backgroundColor: kind === 'bar' ? color(i) : `${color(i)}33`,
    borderWidth: kind === 'bar' ? 0 : 2,
    pointRadius: labels.length > 48 ? 0 : 3,
    spanGaps: true,
    tension: 0.2,
  }));
  const existing = window.Chart.getChart(canvas);
  if (existing && existing.config.type === kind) {
    existing.data.labels = labels;
    existing.data.datasets = datasets;
    existing.update('none');
    return existing;
  }
  if (existing) existing.destroy();
  return new window.Chart(canvas, {
    type: kind,
    data: { labels, datasets },
    options: baseOptions(yTitle, percent),
  });
}
