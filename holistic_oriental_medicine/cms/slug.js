// The address Pelican makes of a title, as `invoke new` does (slug_for and shortened_slug in
// holistic_oriental_medicine/model/slugs.py with Pelican's default SLUG_REGEX_SUBSTITUTIONS):
// accents dropped, anything but letters, digits, spaces and hyphens removed, runs of spaces and
// hyphens made one hyphen, lower case; an address longer than `maxLength` is cut at a hyphen
// (inside its first word when that word alone is too long).
// holistic_oriental_medicine/cms/test_slug.py runs it beside slug_for on many titles.
(function (scope) {
  scope.slugFor = function slugFor(title, maxLength) {
    let slug = String(title)
      .replace(/<[^>]*>/g, "")
      .normalize("NFKC")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9_\s-]/g, "")
      .trim()
      .replace(/[-\s]+/g, "-")
      .toLowerCase();
    if (slug.length > maxLength) {
      slug = slug.slice(0, maxLength + 1);
      slug = slug.includes("-") ? slug.slice(0, slug.lastIndexOf("-")) : slug.slice(0, maxLength);
    }
    return slug;
  };
})(typeof window === "undefined" ? globalThis : window);
