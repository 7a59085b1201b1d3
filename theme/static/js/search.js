// Replaces the search page's no-JavaScript explanation with Pagefind's search box.
// The page gives the index folder and the site's root as data attributes, relative in the
// preview and absolute in production; both are resolved here against the page's address.
window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("search");
  const bundlePath = new URL(container.dataset.bundlePath, document.baseURI);
  const siteRoot = new URL(container.dataset.baseUrl, document.baseURI);
  container.replaceChildren();
  new PagefindUI({
    element: "#search",
    bundlePath: bundlePath.href,
    baseUrl: siteRoot.pathname,
    showImages: false,
    autofocus: true,
  });
  // Pagefind names its box only by a placeholder, which disappears on typing: give it a
  // visible label.
  const input = container.querySelector("input");
  input.id = "search-input";
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.className = "search__label";
  label.textContent = "Search the articles by word, treatment or condition";
  container.prepend(label);
});
