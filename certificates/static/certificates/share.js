// Copy a certificate's share link: buttons carry data-copy-target (the input's id).
// Loaded from a file because the Content Security Policy forbids inline scripts.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copyTarget);
      if (!input) {
        return;
      }
      navigator.clipboard.writeText(input.value).then(function () {
        var status = document.getElementById(button.dataset.statusTarget);
        if (status) {
          status.textContent = button.dataset.copiedLabel;
        }
      });
    });
  });
})();
