// "Copy" buttons (each in a hidden [data-copy-action] wrapper, since the
// button's own styles would show it): shown only where JavaScript runs; without it the text sits
// in a read-only box the visitor selects and copies.
(function () {
  function selectAndCopy(field) {
    field.focus();
    field.select();
    return document.execCommand && document.execCommand("copy")
      ? Promise.resolve()
      : Promise.reject(new Error("copy refused"));
  }
  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value).then(function () {
        field.focus();
        field.select();
      }, function () { return selectAndCopy(field); });
    }
    return selectAndCopy(field);
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (button.dataset.copyReady) return;
    button.dataset.copyReady = "1";
    var field = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copy-status="' + button.dataset.copy + '"]');
    if (!field) return;
    var action = button.closest("[data-copy-action]");
    if (action) action.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function () {
        if (status) status.textContent = button.dataset.copiedText || "";
      }, function () { field.select(); });
    });
  });
  document.querySelectorAll("[data-copy-source]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
