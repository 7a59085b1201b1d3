// Reads a published site's _headers and _redirects with Netlify's own parsers and prints, as
// JSON, the problems they found, the headers Netlify sends for each path given after the site
// folder, and the redirects.
import { parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";

const [site, ...paths] = process.argv.slice(2);
const headers = await parseAllHeaders({ headersFiles: [`${site}/_headers`], minimal: false });
const redirects = await parseAllRedirects({ redirectsFiles: [`${site}/_redirects`], minimal: false });

// As Netlify's command-line tool resolves them: every rule whose path matches applies, and a
// later rule's value of a header replaces an earlier one's.
const headersFor = (path) =>
  Object.assign({}, ...headers.headers.filter((rule) => rule.forRegExp.test(path)).map((rule) => rule.values));

console.log(
  JSON.stringify({
    errors: [...headers.errors, ...redirects.errors].map((error) => error.message),
    headers: Object.fromEntries(paths.map((path) => [path, headersFor(path)])),
    redirects: redirects.redirects.map(({ from, to, status }) => ({ from, to, status })),
  }),
);
