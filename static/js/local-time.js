// Dates given in Seoul time gain the visitor's own time beside them, when the browser's time zone differs.
// Each <time data-local-time="— your time: {time}" datetime="2027-03-15T18:00:00+09:00"> carries its
// translated label; without JavaScript the Seoul time, with its zone named, is the whole text.
(function () {
  "use strict";
  if (typeof Intl === "undefined" || !Intl.DateTimeFormat) {
    return;
  }
  var language = document.documentElement.lang || undefined;
  var options = {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  };
  var format;
  try {
    format = new Intl.DateTimeFormat(language, options);
  } catch (error) {
    format = new Intl.DateTimeFormat(undefined, options);
  }

  // The offset the date was written with, in minutes east of UTC ("+09:00" is 540).
  function writtenOffset(value) {
    var match = /([+-])(\d{2}):?(\d{2})$/.exec(value);
    if (!match) {
      return value.slice(-1) === "Z" ? 0 : null;
    }
    var minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }

  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var value = element.getAttribute("datetime") || "";
    var moment = new Date(value);
    var offset = writtenOffset(value);
    if (isNaN(moment.getTime()) || offset === null) {
      return;
    }
    if (-moment.getTimezoneOffset() === offset) {
      return; // the visitor's clock reads the same as Seoul's: nothing to add
    }
    var label = element.getAttribute("data-local-time");
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = " " + label.replace("{time}", format.format(moment));
    element.insertAdjacentElement("afterend", local);
  });
})();
