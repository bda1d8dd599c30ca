import { render } from 'preact-render-to-string';
import { Shell } from '../portal/plain-page.tsx';

/** The page for a path under `/t/<slug>/` where no tenant has that slug: plain, no app, no script. */
export const notFoundPageHtml = `<!doctype html>${render(
  <Shell title="Page not found">
    <p>There is no privacy centre at this address. Check the link you were given, or ask the company that gave it to you.</p>
  </Shell>,
)}`;
