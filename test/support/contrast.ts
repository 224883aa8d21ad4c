/**
 * WCAG 2.x contrast from computed styles: colours are read with getComputedStyle, translucent
 * backgrounds are composited over the nearest opaque ancestor background (across shadow roots).
 */
export type Rgba = [number, number, number, number];

/** Parses a computed colour: rgb()/rgba() (every engine), or color(srgb r g b / a). */
export function parseColor(text: string): Rgba {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(text);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)$/.exec(text);
  if (!rgb) throw new Error(`cannot parse the colour ${text}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}

function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function parentAcrossShadow(el: Element): Element | null {
  return el.parentElement ?? (el.getRootNode() as ShadowRoot).host ?? null;
}

/** The background actually behind `el`: its own and its ancestors' backgrounds composited. */
export function effectiveBackground(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    const bg = parseColor(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] >= 1) break;
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Contrast of `el`'s text colour against what is behind it. */
export function textContrast(el: Element): number {
  const bg = effectiveBackground(el);
  return contrast(over(parseColor(getComputedStyle(el).color), bg), bg);
}

/** Contrast of a colour property of `el` (a border, an outline) against the background behind `el`'s parent. */
export function edgeContrast(el: Element, property: 'borderTopColor' | 'outlineColor' | 'backgroundColor'): number {
  const behind = effectiveBackground(parentAcrossShadow(el)!);
  return contrast(over(parseColor(getComputedStyle(el)[property]), behind), behind);
}
