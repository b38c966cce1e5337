import { useEffect, useRef, useState } from 'react';

/**
 * Renders an Observable Plot chart into a container, again when the container's width changes
 * (375 px phones to wide screens) or the data does. `render` gets the width and returns Plot's element.
 */
export function usePlot<T extends HTMLElement>(render: (width: number) => Element, deps: unknown[]) {
  const container = useRef<T>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element || width === 0) return;
    const chart = render(width);
    // Plot names its mark groups with aria-label, which ARIA does not allow on a <g> without a role;
    // the chart is one image (named by ariaLabel, described by ariaDescription) with a table beside it.
    chart.querySelectorAll('g[aria-label]').forEach((group) => group.removeAttribute('aria-label'));
    const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg');
    svg?.setAttribute('role', 'img');
    element.replaceChildren(chart);
    return () => chart.remove();
  }, [width, ...deps]);

  return container;
}
