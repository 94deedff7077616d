// The back office's rich-text editor (core/richtext.py): django-prose-editor's editor with the
// extensions the server lists in the textarea's data attribute, and beside it a search of the site's
// pages by title; choosing one links the selected words to it, or inserts its title as a link.
//
// A preset of the site's own rather than prose-editor's "configurable" one, which finds the editor
// through an inline import map that the admin's Content-Security-Policy refuses: this module imports
// the editor by its address. Editors in inline rows added with "Add another" are made too
// (prose-editor's initializeEditors listens for them).
import * as proseEditor from "../django_prose_editor/editor.js";

const CONFIG = "data-django-prose-editor-richtext";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) {
    return;
  }
  const config = JSON.parse(textarea.getAttribute(CONFIG));
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = proseEditor[name];
    if (!extension) {
      console.error(`The rich-text editor has no extension named ${name}.`);
    } else {
      extensions.push(typeof options === "object" ? extension.configure(options) : extension);
    }
  }
  const editor = proseEditor.createTextareaEditor(textarea, extensions);
  addSiteLinks(editor, textarea);
}

function addSiteLinks(editor, textarea) {
  // The search the widget put after the textarea, in the field's row (a tabular inline's cell).
  const row = textarea.closest(".form-row, td");
  const box = row && row.querySelector(".richtext-site-link");
  if (!box) {
    return;
  }
  const input = box.querySelector("input");
  const results = box.querySelector(".richtext-site-link-results");
  const none = box.querySelector(".richtext-site-link-none");
  // The language tab the field belongs to: "body_ko" is Korean, "body_zh_hans" Simplified Chinese.
  const suffix = textarea.name.match(/_([a-z]{2}(?:_[a-z]+)?)$/);
  const language = suffix ? suffix[1].replace("_", "-") : "";
  let timer = null;
  let controller = null;
  box.hidden = false;

  function link(result) {
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain
        .insertContent({ type: "text", text: result.title, marks: [{ type: "link", attrs: { href: result.url } }] })
        .run();
    } else {
      chain.extendMarkRange("link").setLink({ href: result.url }).run();
    }
    input.value = "";
    results.replaceChildren();
  }

  async function search() {
    const query = input.value.trim();
    if (controller) {
      controller.abort();
    }
    results.replaceChildren();
    none.hidden = true;
    if (!query) {
      return;
    }
    controller = new AbortController();
    const url = new URL(box.dataset.url, window.location.href);
    url.searchParams.set("q", query);
    url.searchParams.set("language", language);
    let found;
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      found = (await response.json()).results;
    } catch (error) {
      if (error.name === "AbortError") {
        return;
      }
      throw error;
    }
    for (const result of found) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = result.title;
      const kind = document.createElement("span");
      kind.textContent = result.kind;
      button.append(" ", kind);
      button.addEventListener("click", function () {
        link(result);
      });
      const item = document.createElement("li");
      item.append(button);
      results.append(item);
    }
    none.hidden = found.length > 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", function (keydown) {
    // Enter picks the first page found instead of submitting the whole form.
    if (keydown.key === "Enter") {
      keydown.preventDefault();
      const first = results.querySelector("button");
      if (first) {
        first.click();
      }
    }
  });
}

proseEditor.initializeEditors(createEditor, `[${CONFIG}]`);
