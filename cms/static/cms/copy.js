// "Copy" buttons: shown only where JavaScript runs; without it the text sits
// in a read-only box the visitor selects and copies.
(function () {
  function copy(field) {
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    return new Promise(function (resolve, reject) {
      (document.execCommand && document.execCommand("copy")) ? resolve() : reject();
    });
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (button.dataset.copyReady) return;
    button.dataset.copyReady = "1";
    var field = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copy-status="' + button.dataset.copy + '"]');
    if (!field) return;
    button.hidden = false;
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
