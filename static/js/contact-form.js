// The message form without JavaScript shows every field; with it, only the fields the chosen purpose needs.
(function () {
  "use strict";
  var form = document.querySelector("[data-contact-form]");
  if (!form) {
    return;
  }
  var groups = form.querySelectorAll("[data-purpose]");

  function showFieldsFor(purpose) {
    groups.forEach(function (group) {
      var needed = group.getAttribute("data-purpose") === purpose;
      group.hidden = !needed;
      group.querySelectorAll("input, select, textarea").forEach(function (input) {
        if (needed) {
          input.setAttribute("aria-required", "true");
        } else {
          input.removeAttribute("aria-required");
        }
      });
    });
  }

  function checkedPurpose() {
    var checked = form.querySelector('input[name="purpose"]:checked');
    return checked ? checked.value : "";
  }

  form.querySelectorAll('input[name="purpose"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      showFieldsFor(checkedPurpose());
    });
  });
  showFieldsFor(checkedPurpose());
})();
