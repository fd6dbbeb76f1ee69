/** The status badge's shape as drawn: what someone who cannot tell the colours apart goes by. */
export function badgeShape(root: Element): 'circle' | 'triangle' | 'square' | 'none' {
  const shape = root.querySelector('.badge .shape');
  if (!shape) return 'none';
  const style = getComputedStyle(shape);
  if (style.clipPath.startsWith('polygon')) return 'triangle';
  if (style.borderRadius === '50%') return 'circle';
  const { width, height } = shape.getBoundingClientRect();
  return width > 0 && width === height ? 'square' : 'none';
}
