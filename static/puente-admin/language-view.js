/* Puente's language view for the Wagtail editor: both languages side by side, or
   English or Spanish alone (courses.panels.TranslatedFieldPanel's columns).

   courses/wagtail_hooks.py inserts this script with a <template> of the control;
   the control is placed above the form's tabs of any editor that has translated
   fields. The choice is kept in the browser (localStorage) and applies to every
   form. A view that would hide a field with an error shows both languages. */
(() => {
  const STORAGE_KEY = "puente-language-view";
  const VIEWS = ["both", "en", "es"];
  const { Controller } = window.StimulusModule;

  class LanguageViewController extends Controller {
    static targets = ["option"];

    connect() {
      this.form = this.element.closest("form") || document.body;
      let view = this.storedView();
      if (view !== "both" && this.hasHiddenErrors(view)) view = "both";
      this.show(view);
      // A browser-side "required" check on a hidden column: show both languages.
      this.onInvalid = () => this.show("both");
      this.form.addEventListener("invalid", this.onInvalid, true);
    }

    disconnect() {
      this.form.removeEventListener("invalid", this.onInvalid, true);
    }

    choose(event) {
      // The control is not part of the page's data: keep Wagtail's unsaved-changes
      // and autosave watchers from seeing it.
      event.stopPropagation();
      const view = event.target.value;
      this.show(view);
      try {
        window.localStorage.setItem(STORAGE_KEY, view);
      } catch (error) {
        // Private windows may refuse storage: the view still applies to this page.
      }
    }

    show(view) {
      this.form.dataset.puenteLanguageView = view;
      this.optionTargets.forEach((input) => {
        input.checked = input.value === view;
      });
    }

    storedView() {
      let view = null;
      try {
        view = window.localStorage.getItem(STORAGE_KEY);
      } catch (error) {
        view = null;
      }
      return VIEWS.includes(view) ? view : "both";
    }

    hasHiddenErrors(view) {
      const hidden = view === "en" ? "es" : "en";
      return Boolean(
        this.form.querySelector(
          `.puente-translated__column[data-puente-language="${hidden}"] :is(.error-message, [aria-invalid="true"])`,
        ),
      );
    }
  }

  window.wagtail.app.register("puente-language-view", LanguageViewController);

  function placeControl() {
    const template = document.getElementById("puente-language-view-template");
    const form = document.querySelector("form[data-edit-form]");
    if (!template || !form || !form.querySelector("[data-puente-translated]")) return;
    if (form.querySelector(".puente-language-view")) return;
    const control = template.content.firstElementChild.cloneNode(true);
    const tabs = form.querySelector(".w-tabs .tab-content");
    const first = tabs || form.querySelector(".w-form-width");
    if (!first) return;
    first.prepend(control);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", placeControl);
  } else {
    placeControl();
  }
})();
