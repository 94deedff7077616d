// Click-to-load video: nothing is requested from YouTube until the visitor asks to play the video.
// Without JavaScript the plain link to YouTube stays.
(function () {
  "use strict";
  document.querySelectorAll("[data-video-embed]").forEach(function (box) {
    var url = box.getAttribute("data-embed-url");
    if (!url || url.indexOf("https://www.youtube-nocookie.com/embed/") !== 0) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-embed__play";
    button.textContent = box.getAttribute("data-play-label");
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = url;
      frame.title = box.getAttribute("data-video-title") || "";
      frame.className = "video-embed__frame";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      box.replaceChildren(frame);
      frame.focus();
    });
    box.insertBefore(button, box.firstChild);
  });
})();
