// Leaving an admin change form with unsaved changes asks first (core/revisions.py adds this script).
// Armed by the first change to any field, or at once when the form came back with what the editor
// typed (errors, or someone else saved first); disarmed when the form is submitted to be saved.
"use strict";

(function () {
  const form = document.querySelector("#content-main > form[method=post]");
  if (!form) {
    return;
  }

  function ask(event) {
    event.preventDefault();
    event.returnValue = ""; // older browsers show their own text only when this is set
  }

  let armed = false;
  function arm() {
    if (!armed) {
      armed = true;
      window.addEventListener("beforeunload", ask);
    }
  }

  form.addEventListener("input", arm);
  form.addEventListener("change", arm);
  form.addEventListener("submit", function (event) {
    // A preview opens in another window: the form stays here, still unsaved.
    const target = event.submitter && event.submitter.getAttribute("formtarget");
    if (target && target !== "_self") {
      return;
    }
    armed = false;
    window.removeEventListener("beforeunload", ask);
  });
  if (document.getElementById("wego-unsaved")) {
    arm();
  }
})();
