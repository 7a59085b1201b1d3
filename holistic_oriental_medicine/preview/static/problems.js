// The preview's banner of build problems: the one-line messages the terminal prints, those of
// the page shown first, at the top of the page until a build succeeds (holistic_oriental_medicine/preview/build_status.py).
(function () {
  const EVERY_MS = 1500;
  let shown = "";
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = "/_preview/problems.css";
  document.head.appendChild(stylesheet);

  function banner(status) {
    const box = document.createElement("section");
    box.id = "preview-problems";
    box.setAttribute("role", "alert");
    const heading = document.createElement("h2");
    const count = status.problems.length;
    heading.textContent = `The last save was not built: ${count} problem${count === 1 ? "" : "s"}. ` +
      "This page is the last good build; fix the file and save again.";
    const list = document.createElement("ul");
    for (const problem of status.problems) {
      const item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    }
    box.append(heading, list);
    return box;
  }

  async function check() {
    try {
      const response = await fetch("/_preview/status.json?page=" + encodeURIComponent(location.pathname), { cache: "no-store" });
      const status = await response.json();
      const now = status.ok ? "" : JSON.stringify(status.problems);
      if (now !== shown) {
        shown = now;
        document.getElementById("preview-problems")?.remove();
        if (!status.ok) document.body.prepend(banner(status));
      }
    } catch (error) {
      // The preview is restarting: ask again later.
    }
    setTimeout(check, EVERY_MS);
  }
  check();
})();
