import type { MyDataResponse } from '../../lib/portal-client.ts';

/**
 * The first line of "your data": who is signed in and how many kinds of data are held. It is in the
 * page's first script, drawn as soon as `GET /me` answers, before the rest of the view's script has
 * run (main.tsx), so the person sees it first (BENCHMARKS.md, "your data" in Lighthouse).
 */
export function Lead(props: { data: MyDataResponse }) {
  const held = heldCategories(props.data).length;
  return (
    <p class="lead">
      Signed in as <strong>{props.data.subject.email}</strong>. We hold {held === 1 ? 'one kind' : `${held} kinds`} of information
      about you.
    </p>
  );
}

/**
 * The kinds of data held about the person: in the centre's own records, or found in a connected
 * system when it was last searched (a kind held only in Xero is held all the same).
 */
export function heldCategories(data: MyDataResponse) {
  const elsewhere = new Set(data.systems?.systems.flatMap((s) => s.holds.map((h) => h.category)));
  return data.categories.filter((c) => c.records.length > 0 || elsewhere.has(c.name));
}
