// The benchmark chart: main-thread time against reply length, one line per contender, both axes
// logarithmic (the contenders differ by orders of magnitude; on log axes a linear cost is a slope of
// 1 and a quadratic one a slope of 2). Points that are lower bounds (not run) are hollow, their line dashed.

const COLORS = ['#1f5fbf', '#c0392b', '#8e44ad', '#d68910', '#138d75'];
const W = 720;
const H = 440;
const PAD = { left: 70, right: 20, top: 30, bottom: 110 };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * @param {{ label: string, points: { x: number, y: number, atLeast: boolean }[] }[]} series
 * @returns {string} an SVG document
 */
export function chartSvg(series) {
  const all = series.flatMap((s) => s.points);
  const decade = (v, f) => 10 ** f(Math.log10(v));
  const xMin = decade(Math.min(...all.map((p) => p.x)) * 0.8, Math.floor);
  const xMax = decade(Math.max(...all.map((p) => p.x)) * 1.2, Math.ceil);
  const yMin = decade(Math.max(1, Math.min(...all.map((p) => p.y))), Math.floor);
  const yMax = decade(Math.max(...all.map((p) => p.y)), Math.ceil);
  const sx = (x) => PAD.left + ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - PAD.left - PAD.right);
  const sy = (y) =>
    H - PAD.bottom - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - PAD.top - PAD.bottom);
  const parts = [];
  for (let y = yMin; y <= yMax; y *= 10) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${sy(y) + 4}" text-anchor="end">${y >= 1000 ? `${y / 1000} s` : `${y} ms`}</text>`);
  }
  for (let x = xMin; x <= xMax; x *= 10) {
    parts.push(`<line x1="${sx(x)}" x2="${sx(x)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#ddd"/>`);
    parts.push(`<text x="${sx(x)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${x >= 1000 ? `${x / 1000}k` : x}</text>`);
  }
  parts.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - PAD.bottom + 40}" text-anchor="middle">reply length (tokens)</text>`);
  parts.push(
    `<text x="16" y="${(PAD.top + H - PAD.bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(PAD.top + H - PAD.bottom) / 2})">main-thread time</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    for (let k = 1; k < s.points.length; k++) {
      const a = s.points[k - 1];
      const b = s.points[k];
      parts.push(
        `<line x1="${sx(a.x)}" y1="${sy(a.y)}" x2="${sx(b.x)}" y2="${sy(b.y)}" stroke="${color}" stroke-width="2"${b.atLeast ? ' stroke-dasharray="5 4"' : ''}/>`,
      );
    }
    for (const p of s.points) {
      parts.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="4" fill="${p.atLeast ? '#fff' : color}" stroke="${color}" stroke-width="2"/>`);
    }
    const ly = H - PAD.bottom + 62 + Math.floor(i / 2) * 18;
    const lx = PAD.left + (i % 2) * 320;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/><text x="${lx + 30}" y="${ly}">${esc(s.label)}</text>`,
    );
  });
  parts.push(
    `<text x="${PAD.left}" y="18" font-weight="600">Main-thread time to stream and render one reply (log–log; hollow = lower bound, not run)</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join('\n')}
</svg>
`;
}
