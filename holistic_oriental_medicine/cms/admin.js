// The clinic's additions to Decap CMS: the site's look in the preview, a category field that
// offers the existing categories, and entries saved as the content checks want them.
// The settings come from this script tag's data attributes (holistic_oriental_medicine/cms/__init__.py).
(function () {
  const settings = document.currentScript.dataset;
  const maxSlugLength = Number(settings.maxSlugLength);
  document.getElementById("loading").remove();

  CMS.registerPreviewStyle(settings.stylesheet);

  const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" });
  function shownDate(value) {
    // A date alone would be read as midnight UTC, the day before in the clinic's time zone.
    const text = String(value).replace(" ", "T");
    const parsed = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? text + "T00:00" : text);
    return Number.isNaN(parsed.getTime()) ? String(value) : dateFormat.format(parsed);
  }

  // A list field's items, whether the form holds a list or the text "a, b".
  function listOf(value) {
    if (!value) return [];
    const items = typeof value === "string" ? value.split(",") : value.toJS();
    return items.map((item) => String(item).trim()).filter(Boolean);
  }

  // The article layout of theme/templates/article.html, with the entry's fields.
  const ArticlePreview = createClass({
    render() {
      const data = this.props.entry.get("data");
      const tags = listOf(data.get("tags"));
      const meta = [];
      if (data.get("author")) meta.push(h("span", { key: "author" }, "By " + data.get("author")));
      if (data.get("date")) meta.push(h("span", { key: "date" }, shownDate(data.get("date"))));
      if (data.get("modified")) meta.push(h("span", { key: "modified" }, "Updated " + shownDate(data.get("modified"))));
      if (data.get("read_time")) meta.push(h("span", { key: "read" }, data.get("read_time") + " min read"));
      return h("main", { id: "main" },
        h("article", { className: "article" },
          h("header", { className: "article-header" },
            h("h1", {}, data.get("title") || ""),
            data.get("status") === "draft" ? h("p", { className: "unpublished-label" }, "Draft: not published") : null,
            meta.length ? h("p", { className: "article-meta" }, meta) : null),
          h("div", { className: "prose" }, this.props.widgetFor("body")),
          settings.disclaimer
            ? h("aside", { className: "disclaimer" }, h("p", {}, settings.disclaimer))
            : null,
          h("footer", { className: "article-footer" },
            h("p", {}, "Filed under " + (data.get("category") || settings.defaultCategory)),
            tags.length
              ? h("ul", { className: "tag-list" }, tags.map((tag) => h("li", { key: tag }, h("a", {}, tag))))
              : null)));
    },
  });
  CMS.registerPreviewTemplate("articles", ArticlePreview);

  const PagePreview = createClass({
    render() {
      const data = this.props.entry.get("data");
      return h("main", { id: "main" },
        h("article", { className: "page" },
          h("h1", {}, data.get("title") || ""),
          h("div", { className: "prose" }, this.props.widgetFor("body"))));
    },
  });
  CMS.registerPreviewTemplate("pages", PagePreview);

  // A text box that suggests the site's categories and takes a new one as well.
  const CategoryControl = createClass({
    render() {
      const listId = this.props.forID + "-categories";
      const options = this.props.field.get("options");
      return h("div", {},
        h("input", {
          id: this.props.forID,
          className: this.props.classNameWrapper,
          type: "text",
          list: listId,
          value: this.props.value || "",
          onChange: (event) => this.props.onChange(event.target.value),
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
        }),
        h("datalist", { id: listId }, (options ? options.toJS() : []).map((name) => h("option", { key: name, value: name }))));
    },
  });
  CMS.registerWidget("category", CategoryControl, createClass({
    render() {
      return h("p", {}, this.props.value);
    },
  }));

  // A text box that must be filled in when another field is: the description of the featured
  // picture (`required_with: image`), which the checks require with the picture.
  const RequiredWithControl = createClass({
    isValid() {
      const other = this.props.field.get("required_with");
      const given = this.props.entry.getIn(["data", other]);
      if (isEmpty(given) || !isEmpty(this.props.value)) return true;
      return { error: { message: this.props.field.get("required_message") } };
    },
    render() {
      return h("input", {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        type: "text",
        value: this.props.value || "",
        onChange: (event) => this.props.onChange(event.target.value),
        onFocus: this.props.setActiveStyle,
        onBlur: this.props.setInactiveStyle,
      });
    },
  });
  CMS.registerWidget("required_with", RequiredWithControl, createClass({
    render() {
      return h("p", {}, this.props.value);
    },
  }));

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return value.trim() === "";
    if (typeof value.size === "number") return value.size === 0;
    return false;
  }

  // After a save, what the live preview's build made of it (holistic_oriental_medicine/preview/build_status.py): that
  // it took the article, or the problems that stopped it, this file's first. The published
  // site has no such build to ask, and says nothing.
  const BUILD_STATUS = "/_preview/status.json";
  const WAIT_FOR_BUILD_MS = 90000;

  function showBuildResult(ok, lines) {
    document.getElementById("build-result")?.remove();
    const box = document.createElement("section");
    box.id = "build-result";
    box.setAttribute("role", ok ? "status" : "alert");
    Object.assign(box.style, {
      position: "fixed", bottom: "1rem", right: "1rem", zIndex: 1000, maxWidth: "44rem",
      padding: "0.75rem 1rem", borderRadius: "6px", font: "14px/1.4 system-ui, sans-serif",
      background: ok ? "#e6f4ea" : "#fff3cd", color: ok ? "#14532d" : "#3d2c00",
      border: `2px solid ${ok ? "#15803d" : "#b45309"}`, boxShadow: "0 2px 8px rgba(0,0,0,0.2)",
    });
    const heading = document.createElement("p");
    heading.style.margin = "0";
    heading.style.fontWeight = "bold";
    heading.textContent = ok
      ? "The preview built the saved article: it is in the preview now."
      : "Saved, but the preview's build refused it, so the site does not show this save. Fix it and save again:";
    box.appendChild(heading);
    if (lines.length) {
      const list = document.createElement("ul");
      list.style.margin = "0.25rem 0 0";
      for (const line of lines) {
        const item = document.createElement("li");
        item.textContent = line;
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => box.remove());
    box.appendChild(close);
    document.body.appendChild(box);
  }

  async function reportBuild(path, savedAt) {
    const deadline = savedAt + WAIT_FOR_BUILD_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      let status;
      try {
        const response = await fetch(BUILD_STATUS, { cache: "no-store" });
        if (!response.ok) return; // not the live preview
        status = await response.json();
      } catch (error) {
        continue;
      }
      if (status.finished > savedAt) {
        const own = (line) => Boolean(path) && line.includes(path + ":");
        const lines = [...status.problems].sort((a, b) => own(b) - own(a));
        showBuildResult(status.ok, lines);
        return;
      }
    }
  }

  CMS.registerEventListener({
    name: "postSave",
    handler: ({ entry }) => {
      reportBuild(entry.get("path"), Date.now() - 200);
    },
  });

  // Decap writes an optional field left empty as "" (which the checks reject as an empty field)
  // and names a new file after the `slug` field: leave empty fields out, and give a new entry
  // without a slug the one `invoke new` would make of its title.
  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => {
      let data = entry.get("data").filter((value, name) => name === "body" || !isEmpty(value));
      if (entry.get("newRecord") && !data.get("slug")) {
        data = data.set("slug", slugFor(data.get("title"), maxSlugLength));
      }
      // The text the entry was read from, so that the writer (front_matter_format.js) keeps
      // what did not change as it was written.
      if (!entry.get("newRecord") && entry.get("raw")) {
        data = data.set(clinicFrontMatter.SOURCE_FIELD, entry.get("raw"));
      }
      return data;
    },
  });
})();
