/* Rich-text fields, as progressive enhancement.

   A textarea marked data-module="app-rich-text" (hwbb/widgets.py RichTextarea)
   works on its own: paragraphs apart by a blank line, "- " and "1. " lists.
   Where this script runs, the textarea is hidden (it stays in the form) and an
   editor takes its place: a toolbar of real buttons (Bold, Italic, Bulleted
   list, Numbered list, Link, Minute reference) over a contenteditable textbox
   labelled by the field's label and described by its hint and error.

   Contract with other scripts (autosave): on every change the editor's HTML is
   written into the textarea and an "input" event (bubbling) is fired on it.

   Uses window.HWBBTiptap (static/vendor/tiptap/, scripts/vendor_editor.sh).
   No inline script, no eval, no injected <style>. */
(function () {
  "use strict";

  var T = window.HWBBTiptap;
  var BLOCK_MARKUP = /<\s*\/?\s*(p|br|ul|ol|li|h[1-6])\b/i;
  var ADDRESS = /^(https?:\/\/[^\s]+|mailto:[^\s]+|\/[^\s]*)$/i;
  var BARE_DOMAIN = /^[\w-]+(\.[\w-]+)+(\/\S*)?$/;
  var CITATION = /^(\d{1,3})(\/\d{2})?$/;
  var counter = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function address(value) {
    value = value.trim();
    if (BARE_DOMAIN.test(value)) value = "https://" + value;
    return ADDRESS.test(value) ? value : null;
  }

  // The panel under the toolbar that asks for a link's address or a minute's
  // number: a labelled text input with its own hint and error message.
  var PANELS = {
    link: {
      label: "Link address",
      hint: "For example https://www.coventry.gov.uk or mailto:name@coventry.gov.uk",
      error: "Enter an address that starts with https://, http://, mailto: or /",
      apply: "Add link",
      read: address,
      initial: function (editor) {
        return editor.getAttributes("link").href || "";
      },
      run: function (editor, href) {
        var chain = editor.chain().focus();
        if (editor.state.selection.empty && !editor.isActive("link")) {
          chain.insertContent({
            type: "text",
            text: href.replace(/^mailto:/i, ""),
            marks: [{ type: "link", attrs: { href: href } }],
          });
        } else {
          chain.extendMarkRange("link").setLink({ href: href });
        }
        chain.run();
      },
    },
    minute: {
      label: "Minute to refer to",
      hint: "For example 31/18; or 38 for a minute of the same municipal year. " +
        "It becomes a link to that minute when the minutes are published.",
      error: "Enter the minute number like 31/18 or 38",
      apply: "Add minute reference",
      read: function (value) {
        value = value.trim().replace(/^minutes?\s+/i, "");
        return CITATION.test(value) ? value : null;
      },
      initial: function () {
        return "";
      },
      run: function (editor, number) {
        editor.chain().focus().insertContent("Minute " + number + " ").run();
      },
    },
  };

  function enhance(textarea) {
    var id = textarea.id || "app-rich-text-" + ++counter;
    var group = textarea.closest(".govuk-form-group") || textarea.parentNode;
    var label = group.querySelector('label[for="' + textarea.id + '"]');
    var labelText = label ? label.textContent.trim() : "Text";
    if (label && !label.id) label.id = id + "-label";

    var root = el("div", { class: "app-rich-text" });
    var toolbar = el("div", {
      class: "app-rich-text__toolbar",
      role: "group",
      "aria-label": "Formatting: " + labelText,
    });
    var shortcuts = el(
      "p",
      { id: id + "-shortcuts", class: "govuk-visually-hidden" },
      "Rich text. Keyboard shortcuts: Control B for bold, Control I for italic, " +
        "Control Shift 8 for a bulleted list, Control Shift 7 for a numbered list. " +
        "The formatting buttons are before the text box."
    );
    var mount = el("div", { class: "app-rich-text__editor" });
    root.appendChild(toolbar);
    var panel = buildPanel(id);
    root.appendChild(panel.node);
    root.appendChild(mount);
    root.appendChild(shortcuts);

    var describedBy = [textarea.getAttribute("aria-describedby"), shortcuts.id]
      .filter(Boolean)
      .join(" ");
    var attributes = {
      id: id + "-editor",
      role: "textbox",
      "aria-multiline": "true",
      "aria-describedby": describedBy,
      class: "app-rich-text__content govuk-textarea" +
        (textarea.classList.contains("govuk-textarea--error")
          ? " govuk-textarea--error"
          : ""),
    };
    if (label) attributes["aria-labelledby"] = label.id;
    else attributes["aria-label"] = labelText;

    // What the editor starts from: the sanitised HTML the server rendered, unless
    // the textarea already holds newer HTML (restored by the browser or autosave).
    var restored = textarea.value !== textarea.defaultValue &&
      BLOCK_MARKUP.test(textarea.value);
    var editor = new T.Editor({
      element: mount,
      injectCSS: false,
      content: restored ? textarea.value : textarea.getAttribute("data-html") || "",
      extensions: [
        T.Document, T.Paragraph, T.Text, T.HardBreak, T.Bold, T.Italic,
        T.BulletList, T.OrderedList, T.ListItem, T.ListKeymap, T.UndoRedo,
        T.Link.configure({
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: "https",
          HTMLAttributes: { rel: "noopener", target: null, class: null },
          isAllowedUri: function (url) {
            return address(url) !== null;
          },
        }),
      ],
      editorProps: { attributes: attributes },
    });

    var buttons = [
      toggle("Bold", "bold", function (c) { return c.toggleBold(); }),
      toggle("Italic", "italic", function (c) { return c.toggleItalic(); }),
      toggle("Bulleted list", "bulletList", function (c) { return c.toggleBulletList(); }),
      toggle("Numbered list", "orderedList", function (c) { return c.toggleOrderedList(); }),
      opener("Link", "link"),
      opener("Minute reference", "minute"),
    ];
    buttons.forEach(function (b) { toolbar.appendChild(b); });

    function toggle(text, name, command) {
      var button = el("button", {
        type: "button",
        class: "app-rich-text__button",
        "aria-pressed": "false",
        "data-mark": name,
      }, text);
      button.addEventListener("click", function () {
        command(editor.chain().focus()).run();
      });
      return button;
    }

    function opener(text, kind) {
      var button = el("button", {
        type: "button",
        class: "app-rich-text__button",
        "aria-expanded": "false",
        "aria-controls": panel.node.id,
        "data-panel": kind,
      }, text);
      button.addEventListener("click", function () {
        if (panel.kind === kind) panel.close(true);
        else panel.open(kind, button);
      });
      return button;
    }

    function refresh() {
      toolbar.querySelectorAll("[data-mark]").forEach(function (button) {
        var on = editor.isActive(button.getAttribute("data-mark"));
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }

    editor.on("transaction", refresh);
    editor.on("update", function () {
      textarea.value = editor.isEmpty ? "" : editor.getHTML();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });

    panel.bind(editor, toolbar);
    textarea.hidden = true;
    textarea.parentNode.insertBefore(root, textarea);
    refresh();

    // The label and the error summary's link point at the (hidden) textarea.
    if (label) {
      label.addEventListener("click", function (event) {
        event.preventDefault();
        editor.commands.focus();
      });
    }
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (link && link.getAttribute("href") === "#" + textarea.id) {
        event.preventDefault();
        root.scrollIntoView();
        editor.commands.focus();
      }
    });
  }

  function buildPanel(id) {
    var node = el("div", { id: id + "-panel", class: "app-rich-text__panel", hidden: "" });
    var formGroup = el("div", { class: "govuk-form-group" });
    var label = el("label", { class: "govuk-label", for: id + "-panel-input" });
    var hint = el("div", { class: "govuk-hint", id: id + "-panel-hint" });
    var error = el("p", { class: "govuk-error-message", id: id + "-panel-error", hidden: "" });
    var input = el("input", {
      class: "govuk-input",
      id: id + "-panel-input",
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": hint.id,
    });
    var buttons = el("div", { class: "govuk-button-group" });
    var apply = el("button", { type: "button", class: "govuk-button govuk-button--secondary app-rich-text__apply" });
    var remove = el("button", { type: "button", class: "govuk-button govuk-button--warning" }, "Remove link");
    var cancel = el("button", { type: "button", class: "govuk-button govuk-button--secondary" }, "Cancel");
    formGroup.append(label, hint, error, input);
    buttons.append(apply, remove, cancel);
    node.append(formGroup, buttons);

    var panel = { node: node, kind: null };
    var editor, toolbar, opener;

    function showError(show) {
      error.hidden = !show;
      formGroup.classList.toggle("govuk-form-group--error", show);
      input.classList.toggle("govuk-input--error", show);
      input.setAttribute("aria-describedby", show ? hint.id + " " + error.id : hint.id);
      if (show) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    panel.open = function (kind, button) {
      var spec = PANELS[kind];
      panel.kind = kind;
      opener = button;
      toolbar.querySelectorAll("[data-panel]").forEach(function (b) {
        b.setAttribute("aria-expanded", b === button ? "true" : "false");
      });
      label.textContent = spec.label;
      hint.textContent = spec.hint;
      error.textContent = "";
      error.append(el("span", { class: "govuk-visually-hidden" }, "Error: "), spec.error);
      apply.textContent = spec.apply;
      remove.hidden = !(kind === "link" && editor.isActive("link"));
      input.value = spec.initial(editor);
      showError(false);
      node.hidden = false;
      input.focus();
    };

    panel.close = function (backToEditor) {
      node.hidden = true;
      panel.kind = null;
      toolbar.querySelectorAll("[data-panel]").forEach(function (b) {
        b.setAttribute("aria-expanded", "false");
      });
      if (backToEditor) editor.commands.focus();
      else if (opener) opener.focus();
    };

    function submit() {
      var spec = PANELS[panel.kind];
      var value = spec.read(input.value);
      if (value === null) {
        showError(true);
        input.focus();
        return;
      }
      spec.run(editor, value);
      panel.close(true);
    }

    panel.bind = function (ed, bar) {
      editor = ed;
      toolbar = bar;
      apply.addEventListener("click", submit);
      remove.addEventListener("click", function () {
        editor.chain().focus().extendMarkRange("link").unsetLink().run();
        panel.close(true);
      });
      cancel.addEventListener("click", function () { panel.close(false); });
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault(); // not the form's submit
          submit();
        } else if (event.key === "Escape") {
          event.preventDefault();
          panel.close(false);
        }
      });
    };
    return panel;
  }

  function start() {
    if (!T) return;
    document.querySelectorAll('textarea[data-module="app-rich-text"]').forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
