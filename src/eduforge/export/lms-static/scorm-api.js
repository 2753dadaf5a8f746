/* eduforge SCORM 1.2 runtime for a SCO (a lesson, or a section's launch page).

   Finds the LMS's API object (window.API in a parent frame, or in the opener's frames), calls
   LMSInitialize(""), marks the lesson incomplete while it is read and completed when the learner
   reaches its end, and on leaving sets the session time, LMSCommit("") and LMSFinish("").
   With no LMS (the page opened by itself) it does nothing and raises nothing.

   A lesson shown inside a section's launch page reports to that page instead of the LMS:
   the section is completed when every one of its lessons has been read to its end (the launch
   page loads this script before its frame, so a lesson always finds it). */
(function () {
  "use strict";
  var win = window;
  var doc = document;

  function searchFrames(start) {
    var current = start;
    for (var hops = 0; current && hops < 16; hops++) {
      try {
        if (current.API && typeof current.API.LMSInitialize === "function") return current.API;
      } catch (e) { return null; } /* a frame of another origin: not ours to read */
      if (!current.parent || current.parent === current) break;
      current = current.parent;
    }
    return null;
  }

  function findAPI() {
    var api = win.parent && win.parent !== win ? searchFrames(win.parent) : null;
    if (!api) api = searchFrames(win);
    if (!api) {
      try { if (win.opener) api = searchFrames(win.opener); } catch (e) { api = null; }
    }
    return api;
  }

  function launcher() {
    try {
      var parent = win.parent;
      if (parent && parent !== win && parent.EDUFORGE_SCO) return parent.EDUFORGE_SCO;
    } catch (e) { /* another origin */ }
    return null;
  }

  function onEnd(callback) {
    var marker = doc.getElementById("eduforge-lesson-end");
    if (!marker) return;
    var fired = false;
    function fire() { if (!fired) { fired = true; callback(); } }
    if (win.IntersectionObserver) {
      var observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].isIntersecting) { observer.disconnect(); fire(); }
        }
      });
      observer.observe(marker);
    } else {
      var check = function () {
        if (marker.getBoundingClientRect().top <= (win.innerHeight || doc.documentElement.clientHeight)) fire();
      };
      win.addEventListener("scroll", check, { passive: true });
      check();
    }
  }

  function session(api) {
    var started = new Date().getTime();
    var open = false;
    var completed = false;
    var finished = false;

    function call(name, a, b) {
      try {
        var method = api[name];
        return String(arguments.length > 2 ? method.call(api, a, b) : method.call(api, a));
      } catch (e) { return ""; }
    }

    function elapsed() {
      var cents = Math.max(0, Math.round((new Date().getTime() - started) / 10));
      var hours = Math.min(9999, Math.floor(cents / 360000));
      var minutes = Math.floor((cents % 360000) / 6000);
      var seconds = (cents % 6000) / 100;
      function pad(n, width) { var text = String(n); while (text.length < width) text = "0" + text; return text; }
      var whole = Math.floor(seconds);
      return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(whole, 2) + "." + pad(Math.round((seconds - whole) * 100), 2);
    }

    open = call("LMSInitialize", "") === "true";
    if (open) {
      var status = call("LMSGetValue", "cmi.core.lesson_status");
      completed = status === "completed" || status === "passed";
      if (!completed && (status === "" || status === "not attempted")) {
        call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
      }
    }
    return {
      open: open,
      get: function (key) { return open ? call("LMSGetValue", key) : ""; },
      set: function (key, value) { if (open && !finished) call("LMSSetValue", key, value); },
      complete: function () {
        if (!open || finished || completed) return;
        completed = true;
        call("LMSSetValue", "cmi.core.lesson_status", "completed");
        call("LMSCommit", "");
      },
      finish: function (read) {
        if (!open || finished) return;
        if (read) this.complete();
        finished = true;
        call("LMSSetValue", "cmi.core.session_time", elapsed());
        call("LMSCommit", "");
        call("LMSFinish", "");
      }
    };
  }

  function leaving(callback) {
    var done = false;
    function once() { if (!done) { done = true; callback(); } }
    win.addEventListener("pagehide", once);
    win.addEventListener("beforeunload", once);
    win.addEventListener("unload", once);
  }

  var isLauncher = doc.body && doc.body.classList.contains("lms-sco");

  if (!isLauncher) {
    var owner = launcher();
    if (owner) {
      onEnd(function () { owner.read(win.location.href); });
      return;
    }
    var api = findAPI();
    if (!api) return; /* opened by itself: a plain page */
    var lesson = session(api);
    var read = false;
    onEnd(function () { read = true; lesson.complete(); });
    leaving(function () { lesson.finish(read); });
    win.EDUFORGE_SCORM = { session: lesson, api: api };
    return;
  }

  /* a section's launch page */
  var links = Array.prototype.slice.call(doc.querySelectorAll(".sco-nav a[data-n]"));
  var sectionApi = findAPI();
  var section = sectionApi ? session(sectionApi) : null;
  var seen = {};
  var saved = section ? section.get("cmi.suspend_data") : "";
  if (/^read:[0-9,]*$/.test(saved)) {
    saved.slice(5).split(",").forEach(function (n) { if (n !== "") seen[n] = true; });
  }
  function absolute(href) { var a = doc.createElement("a"); a.href = href; return a.href.split("#")[0]; }
  function mark() {
    var count = 0;
    links.forEach(function (link) {
      var n = link.getAttribute("data-n");
      if (seen[n]) { link.classList.add("read"); count++; }
    });
    return count;
  }
  function allRead() { return mark() === links.length; }
  win.EDUFORGE_SCO = {
    read: function (href) {
      var page = absolute(href);
      links.forEach(function (link) {
        if (absolute(link.href) === page) seen[link.getAttribute("data-n")] = true;
      });
      if (section) {
        section.set("cmi.suspend_data", "read:" + Object.keys(seen).sort().join(","));
        if (allRead()) section.complete(); else section.set("cmi.core.lesson_status", "incomplete");
      } else {
        mark();
      }
    }
  };
  function follow() {
    var frame = doc.querySelector(".sco-frame");
    if (!frame) return;
    frame.addEventListener("load", function () {
      var page = "";
      try { page = absolute(frame.contentWindow.location.href); } catch (e) { page = ""; }
      links.forEach(function (link) {
        if (absolute(link.href) === page) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      });
    });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", follow); else follow();
  mark();
  if (section) leaving(function () { section.finish(allRead()); });
  win.EDUFORGE_SCORM = { session: section, api: sectionApi };
})();
