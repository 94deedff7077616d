// The English beside the field being translated (core.admin.TranslatedAdmin adds this script to the
// change form of every translated model). Each field of another language gets a read-only box with
// the English of the same field, kept up to date as the English is typed. The English input is read
// by its name (`summary_en`), so a rich-text editor that keeps its value in a hidden textarea named
// like the field works too. Staff HTML is never assigned as markup: it is parsed into a detached
// document and only the formatting tags the site keeps are copied, as new elements holding text.
// A link to `#translate-ko` opens the form at the Korean tabs (the translation report's links).
"use strict";

// Loaded in the page's head (the admin's media): everything waits for the page, and for
// modeltranslation's tabs, which are built when the document is ready.
window.addEventListener("load", function () {
  const settingsNode = document.getElementById("wego-translation-script");
  if (!settingsNode) {
    return;
  }
  const settings = JSON.parse(settingsNode.textContent);
  const source = settings.source;
  const KEPT = new Set(["P", "H2", "H3", "H4", "UL", "OL", "LI", "STRONG", "B", "EM", "I", "BR", "BLOCKQUOTE"]);
  const DROPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "MATH"]);
  const boxes = new Map(); // English input's name: [box text elements]

  function copyFormatting(from, to) {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE && !DROPPED.has(node.tagName)) {
        let target = to;
        if (KEPT.has(node.tagName)) {
          target = to.appendChild(document.createElement(node.tagName.toLowerCase()));
        } else if (node.tagName === "A") {
          // A link shows as underlined text: nothing here should lead away from the form.
          target = to.appendChild(document.createElement("span"));
          target.className = "wego-translation-source__link";
        }
        copyFormatting(node, target);
      }
    }
  }

  function show(textNode, value) {
    textNode.replaceChildren();
    const text = value || "";
    textNode.classList.toggle("wego-translation-source__text--empty", !text.trim());
    if (!text.trim()) {
      textNode.textContent = settings.empty;
    } else if (/<[a-z][\s\S]*>/i.test(text)) {
      const parsed = new DOMParser().parseFromString(text, "text/html");
      copyFormatting(parsed.body, textNode);
    } else {
      textNode.textContent = text; // plain text keeps its line breaks (white-space: pre-line)
    }
  }

  function englishOf(input) {
    const match = Array.from(input.classList).find((name) => name.startsWith("mt-field-"));
    if (!match || !input.name || input.name.includes("__prefix__")) {
      return null;
    }
    const language = match.slice(match.lastIndexOf("-") + 1);
    if (language === source.replace("-", "_") || !input.name.endsWith("_" + language)) {
      return null;
    }
    return input.name.slice(0, -language.length) + source.replace("-", "_");
  }

  function addBox(input) {
    const englishName = englishOf(input);
    if (!englishName || input.dataset.wegoSource || !input.form) {
      return;
    }
    const english = input.form.elements.namedItem(englishName);
    if (!english || english.value === undefined) {
      return;
    }
    input.dataset.wegoSource = englishName;
    const box = document.createElement("div");
    box.className = "wego-translation-source";
    box.setAttribute("role", "note");
    const label = document.createElement("p");
    label.className = "wego-translation-source__label";
    label.textContent = settings.sourceLabel;
    const text = document.createElement("div");
    text.className = "wego-translation-source__text";
    text.lang = source;
    text.dir = "ltr";
    label.id = (input.id || input.name) + "_source_label";
    box.setAttribute("aria-labelledby", label.id);
    // Read out with the field too, for a translator who does not see the box beside it.
    text.id = (input.id || input.name) + "_source";
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    input.setAttribute("aria-describedby", described.concat(text.id).join(" "));
    box.append(label, text);
    const home = input.closest(".form-row") || input.closest("[id^='tab_']") || input.parentElement;
    home.classList.add("wego-translating");
    home.appendChild(box);
    show(text, english.value);
    if (!boxes.has(englishName)) {
      boxes.set(englishName, []);
    }
    boxes.get(englishName).push(text);
  }

  function refresh(name) {
    const names = name ? [name] : Array.from(boxes.keys());
    const form = document.querySelector("#content-main form");
    for (const each of names) {
      const english = form && form.elements.namedItem(each);
      for (const text of boxes.get(each) || []) {
        show(text, english ? english.value : "");
      }
    }
  }

  function setUp(root) {
    root.querySelectorAll("input.mt, textarea.mt").forEach(addBox);
  }

  function openLanguageFromFragment() {
    const match = /^#translate-([a-z-]+)$/.exec(window.location.hash);
    const select = document.getElementById("modeltranslation-main-switch");
    if (!match || !select) {
      return;
    }
    const option = Array.from(select.options).find((each) => each.textContent.trim() === match[1]);
    if (option) {
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  setUp(document);
  // jQuery runs modeltranslation's ready handler from a timer set when the document was ready: a
  // timer set now runs after it, once the language switch exists.
  window.setTimeout(openLanguageFromFragment, 0);
  window.addEventListener("hashchange", openLanguageFromFragment);
  document.addEventListener("formset:added", (event) => setUp(event.target));
  document.addEventListener("input", function (event) {
    if (event.target.name && boxes.has(event.target.name)) {
      refresh(event.target.name);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.name && boxes.has(event.target.name)) {
      refresh(event.target.name);
    }
  });
  // An editor that writes its hidden textarea without an input event is caught up with when the
  // translator turns to the translation.
  document.addEventListener("focusin", function (event) {
    if (event.target.dataset && event.target.dataset.wegoSource) {
      refresh(event.target.dataset.wegoSource);
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".ui-tabs-nav")) {
      refresh();
    }
  });
});
