// The focal point of a library image (library/admin.py): click the image, or focus it and use the
// arrow keys (Shift for bigger steps), and the marker moves there and the focal point fields below
// take the position, as fractions of the width and height. Saving writes the new crops.
"use strict";

(function () {
  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function setUp(picker) {
    const inputX = document.getElementById(picker.dataset.xInput);
    const inputY = document.getElementById(picker.dataset.yInput);
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-point__marker");
    if (!inputX || !inputY || !image || !marker) {
      return;
    }

    function show(x, y) {
      marker.style.left = x * 100 + "%";
      marker.style.top = y * 100 + "%";
    }

    function place(x, y) {
      // In hundredths: finer than any crop needs, and a click lands on the same value whatever
      // fraction of a pixel the pointer was at.
      x = Math.round(clamp(x) * 100) / 100;
      y = Math.round(clamp(y) * 100) / 100;
      inputX.value = x;
      inputY.value = y;
      show(x, y);
      // The admin's "unsaved changes" guard listens for these.
      inputX.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // A field left empty or not a number counts as the middle; 0 (an edge) is a value like any other.
    function fraction(input) {
      const value = parseFloat(input.value);
      return Number.isFinite(value) ? value : 0.5;
    }

    function current() {
      return [fraction(inputX), fraction(inputY)];
    }

    image.addEventListener("click", function (event) {
      const box = image.getBoundingClientRect();
      place((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });

    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    picker.addEventListener("keydown", function (event) {
      const step = steps[event.key];
      if (!step) {
        return;
      }
      event.preventDefault();
      const size = event.shiftKey ? 0.1 : 0.01;
      const [x, y] = current();
      place(x + step[0] * size, y + step[1] * size);
    });

    // Typing in the fields moves the marker too.
    [inputX, inputY].forEach(function (input) {
      input.addEventListener("input", function () {
        const [x, y] = current();
        show(clamp(x), clamp(y));
      });
    });
    picker.dataset.ready = "true"; // clicks and keys are heard from now on
  }

  // The admin loads its media in the page's head, before the form exists.
  function start() {
    document.querySelectorAll(".focal-point").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
