import { type RefObject, useEffect, useState } from 'react';

/** The rendered height of an element, kept current; virtual lists need a number, not CSS. */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback = 400): number {
  const [height, setHeight] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setHeight(Math.max(120, Math.floor(entry.contentRect.height)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
