import { Component, type ComponentChildren } from 'preact';

/**
 * Its children, drawn again only when one of `deps` changes (by identity) or from within: a large
 * part of the page that a parent's unrelated update must not redraw. E.g. "your data" is drawn
 * before the centre's details arrive, and their arrival redraws the page's frame around it; without
 * this, all of "your data" would be compared again in that task (BENCHMARKS.md).
 */
export class Keep extends Component<{ deps: unknown[]; children: ComponentChildren }> {
  override shouldComponentUpdate(next: { deps: unknown[] }): boolean {
    return next.deps.length !== this.props.deps.length || next.deps.some((dep, i) => dep !== this.props.deps[i]);
  }

  override render() {
    return this.props.children;
  }
}
