import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view loaded on demand (its own chunk, fetched the first time it is needed). `load` must be
 * a stable function, e.g. defined at module level.
 */
export function Lazy<P extends object>(props: {
  load: () => Promise<ComponentType<P>>;
  props: P;
  fallback?: ComponentChildren;
  /** Called once the view is drawn: e.g. to move the focus into a form that was loading. */
  onLoad?: () => void;
}) {
  const [view, setView] = useState<{ Component: ComponentType<P> } | 'failed'>();
  useEffect(() => {
    props.load().then(
      (Component) => setView({ Component }),
      () => setView('failed'),
    );
  }, [props.load]);
  useEffect(() => {
    if (view && view !== 'failed') props.onLoad?.();
  }, [view]);
  if (view === 'failed') {
    return (
      <p class="error" role="alert">
        This page did not load. Check your connection and reload the page.
      </p>
    );
  }
  if (!view) return <>{props.fallback ?? <p aria-busy="true">Loading…</p>}</>;
  return <view.Component {...props.props} />;
}
