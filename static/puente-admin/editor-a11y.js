/* Accessible names Wagtail's block editor leaves out, added in the browser because
   the blocks are drawn there (inserted by courses/wagtail_hooks.py):

   - a list item's input (a scenario's discussion prompt, a checklist item, a course
     objective written straight into the stream) is named by its block's type
     ("prompt"), which its panel heading shows;
   - a rich-text editor is named by its field's label, or else by its block's type
     (Draftail's editable area points at nothing: its <label> names a hidden input);
   - the minimap's list, scrollable in long forms, can be reached with the keyboard.

   Runs once the page is ready and again whenever blocks are added. */
(() => {
  let counter = 0;

  function idFor(element) {
    if (!element.id) {
      counter += 1;
      element.id = `puente-name-${counter}`;
    }
    return element.id;
  }

  function isNamed(element) {
    return (
      element.hasAttribute("aria-label") ||
      element.hasAttribute("aria-labelledby") ||
      (element.labels && element.labels.length > 0)
    );
  }

  function blockType(element) {
    const section = element.closest("[data-streamfield-child] > section, [data-streamfield-child] section");
    return section ? section.querySelector(".c-sf-block__type") : null;
  }

  function nameListItems(root) {
    root
      .querySelectorAll(
        "[data-streamfield-child] :is(input:not([type=hidden]), textarea, select)",
      )
      .forEach((input) => {
        if (isNamed(input)) return;
        const type = blockType(input);
        if (type && type.textContent.trim()) {
          input.setAttribute("aria-labelledby", idFor(type));
        }
      });
  }

  function nameRichText(root) {
    root.querySelectorAll(".Draftail-Editor [role=textbox]").forEach((editor) => {
      if (editor.hasAttribute("aria-label") || editor.hasAttribute("aria-labelledby")) {
        return;
      }
      const field = editor.closest(".w-field");
      const input = field && field.querySelector("input[data-draftail-input]");
      const label =
        input && input.id ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
      const name = label || blockType(editor);
      if (name) editor.setAttribute("aria-labelledby", idFor(name));
    });
  }

  function reachMinimap(root) {
    root.querySelectorAll(".w-minimap__list").forEach((list) => {
      if (!list.hasAttribute("tabindex")) list.setAttribute("tabindex", "0");
    });
  }

  let scheduled = false;
  function nameAll() {
    scheduled = false;
    nameListItems(document);
    nameRichText(document);
    reachMinimap(document);
  }
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(nameAll);
  }

  function start() {
    nameAll();
    new MutationObserver(schedule).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
