// The CMS's reader and writer of article files, in both styles of front matter the README
// allows: YAML between `---` lines, or Pelican's `Key: value` lines ended by a blank line (the
// clinic's own articles). Decap reads neither by itself the way the site does.
//
// Reading gives the fields as the form wants them: names in lower case, tags written
// "a, b" as a list. Writing keeps the file as the editor wrote it: a field whose value did not
// change keeps its own lines, in its place and its style; only changed and new fields are
// written anew, in the file's style. Saving an unchanged article therefore writes the same bytes.
//
// Decap's toFile gets the entry's data only; the preSave listener of admin.js adds the text the
// entry was read from under SOURCE_FIELD, which this writer takes out again.
(function () {
  const settings = document.currentScript.dataset;
  const LIST_FIELDS = new Set(settings.listFields.split(" ").filter(Boolean));
  const COMMA_SEPARATED = new Set(settings.commaSeparatedFields.split(" ").filter(Boolean));
  const SOURCE_FIELD = "__source";
  // Dates stay text, as the site's checks read them (no YAML timestamps).
  const YAML_OPTIONS = { schema: jsyaml.CORE_SCHEMA };
  const DUMP_OPTIONS = { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true };

  // Python-Markdown's meta extension, which the site reads `Key: value` lines with.
  const HEADER_LINE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  const CONTINUATION_LINE = /^[ ]{4,}(.*)$/;

  function splitBody(rest) {
    const separator = rest.match(/^\n*/)[0];
    return { separator, body: rest.slice(separator.length) };
  }

  // A top-level YAML key starts at the line's start; its value's lines (indented, or `- `
  // items, or comments) follow it.
  const YAML_KEY_LINE = /^([^\s#\-][^:]*?|"[^"]*"|'[^']*'):(?:\s|$)/;

  function yamlSource(lines, start, end) {
    const block = lines.slice(start + 1, end).join("\n") + "\n";
    const parsed = jsyaml.load(block, YAML_OPTIONS) || {};
    const fields = [];
    let leading = "";
    for (const line of lines.slice(start + 1, end)) {
      const key = line.match(YAML_KEY_LINE);
      if (key) {
        const written = key[1].replace(/^["']|["']$/g, "");
        fields.push({ key: written, name: written.toLowerCase(), text: line + "\n" });
      } else if (fields.length) {
        fields[fields.length - 1].text += line + "\n";
      } else {
        leading += line + "\n";
      }
    }
    const values = {};
    for (const [key, value] of Object.entries(parsed)) values[String(key).toLowerCase()] = value;
    for (const field of fields) field.value = values[field.name];
    const opening = lines.slice(0, start + 1).join("\n") + "\n";
    const closing = lines[end] + (end < lines.length - 1 ? "\n" : "");
    return { style: "yaml", opening, leading, closing, fields, ...splitBody(lines.slice(end + 1).join("\n")) };
  }

  function headerSource(lines) {
    const fields = [];
    let index = 0;
    let separator = "";
    // The meta extension skips a first `---` line, and ends at a blank line or any other line.
    if (/^-{3}(\s.*)?$/.test(lines[0] || "")) index = 1;
    const opening = lines.slice(0, index).map((line) => line + "\n").join("");
    for (; index < lines.length; index++) {
      const line = lines[index];
      const header = line.match(HEADER_LINE);
      const more = line.match(CONTINUATION_LINE);
      if (line.trim() === "") {
        separator = line + "\n";
        index++;
        break;
      } else if (header) {
        fields.push({ key: header[1], name: header[1].toLowerCase(), text: line + "\n", parts: [header[2].trim()] });
      } else if (more && fields.length) {
        const field = fields[fields.length - 1];
        field.text += line + "\n";
        field.parts.push(more[1].trim());
      } else {
        break;
      }
    }
    for (const field of fields) field.value = field.parts.join(" ");
    const { separator: more, body } = splitBody(lines.slice(index).join("\n"));
    return { style: "header", opening, leading: "", closing: "", fields, separator: separator + more, body };
  }

  // The file as the editor wrote it, split into its fields (each with its own lines) and body.
  function readSource(raw) {
    const lines = raw.split("\n");
    const start = lines.findIndex((line) => line.trim() !== "");
    if (start >= 0 && lines[start] === "---") {
      const end = lines.findIndex((line, index) => index > start && (line === "---" || line === "..."));
      if (end > start) return yamlSource(lines, start, end);
    }
    return headerSource(lines);
  }

  // A value as the form holds it: tags "a, b" as a list, one old address as a list of one.
  function formValue(name, value) {
    if (LIST_FIELDS.has(name) && typeof value === "string") {
      if (!COMMA_SEPARATED.has(name)) return [value];
      return value.split(",").map((item) => item.trim()).filter(Boolean);
    }
    return value;
  }

  // Two values compared as what they say: 5 and "5" alike, object keys in any order.
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + canonical(value[key])).join(",") + "}";
    }
    return JSON.stringify(value === null || value === undefined ? "" : String(value));
  }

  function fromFile(raw) {
    const source = readSource(raw);
    const data = {};
    for (const field of source.fields) data[field.name] = formValue(field.name, field.value);
    data.body = source.body;
    return data;
  }

  // `Key: value` lines hold only text: a list is written "a, b", and a list of sources (or
  // any other structure) needs YAML.
  function headerValue(value) {
    if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return value.join(", ");
    if (value !== null && typeof value === "object") return undefined;
    return String(value).replace(/\s*\n\s*/g, " ");
  }

  function writtenField(style, key, value) {
    if (style === "header") return `${key}: ${headerValue(value)}\n`;
    return jsyaml.dump({ [key]: value }, DUMP_OPTIONS);
  }

  function keyFor(source, name) {
    const capitalised = source.fields.length > 0 && /^[A-Z]/.test(source.fields[0].key);
    return capitalised ? name.charAt(0).toUpperCase() + name.slice(1) : name;
  }

  const NEW_FILE = { style: "yaml", opening: "---\n", leading: "", closing: "---\n", separator: "\n", fields: [], body: "" };

  function toFile(data, sortedKeys = []) {
    const { [SOURCE_FIELD]: raw, body = "", ...values } = data;
    let source = raw ? readSource(raw) : NEW_FILE;
    const names = Object.keys(values);
    if (source.style === "header" && names.some((name) => headerValue(values[name]) === undefined)) {
      // A structure the `Key: value` lines cannot hold: the file becomes YAML.
      source = { ...NEW_FILE, separator: source.separator || "\n" };
    }
    const kept = new Set();
    let front = source.leading;
    for (const field of source.fields) {
      if (!(field.name in values)) continue;
      kept.add(field.name);
      let value = values[field.name];
      const unchanged = canonical(value) === canonical(formValue(field.name, field.value));
      // Tags written "a, b" stay written so.
      if (COMMA_SEPARATED.has(field.name) && typeof field.value === "string" && Array.isArray(value)) {
        value = value.join(", ");
      }
      front += unchanged ? field.text : writtenField(source.style, field.key, value);
    }
    const order = (name) => (sortedKeys.indexOf(name) + 1 || sortedKeys.length + 1);
    for (const name of names.filter((name) => !kept.has(name)).sort((a, b) => order(a) - order(b))) {
      front += writtenField(source.style, keyFor(source, name), values[name]);
    }
    const text = body === source.body ? source.body : body;
    return source.opening + front + source.closing + source.separator + text;
  }

  CMS.registerCustomFormat(settings.formatName, "md", { fromFile, toFile });
  window.clinicFrontMatter = { SOURCE_FIELD };
})();
