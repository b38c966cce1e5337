import type * as PlotNamespace from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';

type PlotModule = typeof PlotNamespace;

/**
 * Renders an Observable Plot figure at the width of its container (redrawn when that changes), with
 * a text description for screen readers. Plot itself is loaded with the chart, not with the app.
 */
export function PlotFigure({
  build,
  label,
  height,
  deps,
}: {
  build: (Plot: PlotModule, width: number) => SVGSVGElement | HTMLElement;
  label: string;
  height: number;
  deps: unknown[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [plot, setPlot] = useState<PlotModule | null>(null);

  useEffect(() => {
    let live = true;
    void import('@observablehq/plot').then((module) => live && setPlot(module));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element || !plot || width === 0) return;
    const figure = build(plot, width);
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', label);
    element.replaceChildren(figure);
    return () => figure.remove();
  }, [plot, width, label, ...deps]);

  return <div ref={container} className="plot-figure" style={{ minHeight: height }} />;
}
