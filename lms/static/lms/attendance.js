/* Attendance: filter the list by name as you type (the GET filter works
   without this script) and keep the "ticked" count up to date. Every row stays
   in the form, so one Save records everyone, shown or not. */
(function () {
  "use strict";
  var filter = document.querySelector("[data-attendance-filter]");
  var form = document.querySelector("[data-attendance-form]");
  if (!filter || !form) return;
  var input = filter.querySelector("input[name=q]");
  var rows = Array.prototype.slice.call(form.querySelectorAll(".tick-list__row[data-name]"));
  var count = form.querySelector("[data-attendance-count]");
  var none = form.querySelector("[data-attendance-none]");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "d").toLowerCase();
  }

  function updateCount() {
    var ticked = form.querySelectorAll("input[name=present]:checked").length;
    count.textContent = count.getAttribute("data-template")
      .replace("%(present)s", ticked).replace("%(total)s", rows.length);
  }

  function apply() {
    var terms = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var name = row.getAttribute("data-name");
      var match = terms.every(function (term) { return name.indexOf(term) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (none) none.hidden = shown > 0 || rows.length === 0;
  }

  filter.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  input.addEventListener("input", apply);
  form.addEventListener("change", updateCount);
  apply();
})();
