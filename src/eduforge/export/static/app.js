/* eduforge export: theme, menu, tabs, copy buttons, table of contents, search.
   Plain script, no modules and no fetch: it runs from file:// as well as from a server. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var prefix = root.getAttribute("data-root") || "";
  var locale = root.getAttribute("data-locale") || "";

  function $(selector, scope) { return (scope || doc).querySelector(selector); }
  function $$(selector, scope) { return Array.prototype.slice.call((scope || doc).querySelectorAll(selector)); }

  /* theme ----------------------------------------------------------------------------------- */
  var themeButton = $(".theme-button");
  if (themeButton) {
    themeButton.addEventListener("click", function () {
      var next = root.dataset.theme === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("eduforge-theme", next); } catch (e) { /* storage may be off */ }
    });
  }

  /* print page ------------------------------------------------------------------------------ */
  $$(".print-button").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  /* sidebar on small screens ------------------------------------------------------------------ */
  var menu = $(".menu-button");
  var backdrop = $(".backdrop");
  function setMenu(open) {
    doc.body.classList.toggle("menu-open", open);
    if (menu) menu.setAttribute("aria-expanded", open ? "true" : "false");
    if (backdrop) backdrop.hidden = !open;
  }
  if (menu) menu.addEventListener("click", function () { setMenu(!doc.body.classList.contains("menu-open")); });
  if (backdrop) backdrop.addEventListener("click", function () { setMenu(false); });
  var fill = $(".sidebar-nav[data-fill]");
  if (fill && window.EDUFORGE_SIDEBAR && window.EDUFORGE_SIDEBAR[fill.getAttribute("data-fill")] !== undefined) {
    var number = fill.getAttribute("data-current");
    var holder = doc.createElement("div");
    holder.innerHTML = window.EDUFORGE_SIDEBAR[fill.getAttribute("data-fill")];
    var nav = holder.firstElementChild;
    $$("a[data-n]", nav).forEach(function (link) {
      link.setAttribute("href", prefix + link.getAttribute("href"));
      if (link.getAttribute("data-n") === number) link.setAttribute("aria-current", "page");
    });
    $$("details", nav).forEach(function (group) { group.open = !!$('a[aria-current="page"]', group); });
    fill.parentNode.replaceChild(nav, fill);
  }
  var current = $('.sidebar a[aria-current="page"]');
  if (current && current.scrollIntoView) {
    var box = $(".sidebar-scroll");
    if (box) box.scrollTop = current.offsetTop - box.clientHeight / 3;
  }

  /* tabs ------------------------------------------------------------------------------------- */
  $$(".tabs").forEach(function (tabs) {
    var buttons = $$(':scope > .tab-list > [role="tab"]', tabs);
    var panels = $$(':scope > [role="tabpanel"]', tabs);
    function select(index, focus) {
      buttons.forEach(function (button, i) {
        button.setAttribute("aria-selected", i === index ? "true" : "false");
        button.tabIndex = i === index ? 0 : -1;
      });
      panels.forEach(function (panel, i) { panel.hidden = i !== index; });
      if (focus && buttons[index]) buttons[index].focus();
    }
    buttons.forEach(function (button, i) {
      button.addEventListener("click", function () { select(i, false); });
      button.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (step) { event.preventDefault(); select((i + step + buttons.length) % buttons.length, true); }
      });
    });
    select(0, false);
  });

  /* copy buttons ------------------------------------------------------------------------------ */
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }
  function fallbackCopy(text, done) {
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    try { doc.execCommand("copy"); done(); } catch (e) { /* nothing to do */ }
    doc.body.removeChild(area);
  }
  $$("figure.code > button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var code = $("pre", button.parentNode);
      copyText(code ? code.innerText : "", function () {
        button.classList.add("done");
        setTimeout(function () { button.classList.remove("done"); }, 1600);
      });
    });
  });

  /* table of contents: mark the section being read ------------------------------------------------ */
  var tocLinks = $$(".toc a");
  if (tocLinks.length) {
    var byId = {};
    tocLinks.forEach(function (link) { byId[decodeURIComponent(link.getAttribute("href").slice(1))] = link; });
    var headings = $$("#_top, .prose h2[id], .prose h3[id], .prose h4[id], .prose h5[id], .prose h6[id]").filter(function (h) { return byId[h.id]; });
    var marked = null, pending = false;
    var mark = function () {
      pending = false;
      var line = Math.max((parseFloat(getComputedStyle(root).scrollPaddingTop) || 80) + 24, window.innerHeight / 3);
      var active = headings[0];
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top <= line) active = headings[i]; else break;
      }
      if (!active || active === marked) return;
      if (marked) byId[marked.id].removeAttribute("aria-current");
      byId[active.id].setAttribute("aria-current", "true");
      marked = active;
    };
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  /* search ------------------------------------------------------------------------------------- */
  var input = $("#search-input");
  var results = $("#search-results");
  if (!input || !results) return;
  var index = null;
  var loading = false;
  var selected = -1;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function load(then) {
    if (index) { then(); return; }
    if (loading) return;
    loading = true;
    results.hidden = false;
    results.innerHTML = '<p class="search-empty">' + escapeHtml(input.getAttribute("data-loading")) + "</p>";
    var script = doc.createElement("script");
    script.src = input.getAttribute("data-index");
    script.onload = function () {
      index = (window.EDUFORGE_SEARCH || []).filter(function (entry) { return entry.l === locale; }).map(function (entry) {
        return { entry: entry, title: fold(entry.t), heads: fold(entry.h), desc: fold(entry.d), section: fold(entry.s), text: fold(entry.x) };
      });
      then();
    };
    script.onerror = function () { loading = false; results.hidden = true; };
    doc.head.appendChild(script);
  }
  function foldMap(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text[i]);
      for (var j = 0; j < f.length; j++) { out += f[j]; map.push(i); }
    }
    return { text: out, map: map };
  }
  function snippet(entry, terms) {
    var text = entry.x || entry.d || "";
    var folded = fold(text);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.indexOf(terms[i]);
    var start = Math.max(0, Math.min(at, text.length) - 60);
    if (start > 0) { var space = text.indexOf(" ", start); if (space > 0 && space < start + 20) start = space + 1; }
    var piece = text.slice(start, start + 200);
    var mapped = foldMap(piece);
    var marks = [];
    terms.forEach(function (term) {
      if (!term) return;
      var pos = mapped.text.indexOf(term);
      while (pos >= 0) {
        marks.push([mapped.map[pos], mapped.map[pos + term.length - 1] + 1]);
        pos = mapped.text.indexOf(term, pos + term.length);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var html = "", last = 0;
    marks.forEach(function (mark) {
      if (mark[0] < last) return;
      html += escapeHtml(piece.slice(last, mark[0])) + "<mark>" + escapeHtml(piece.slice(mark[0], mark[1])) + "</mark>";
      last = mark[1];
    });
    html += escapeHtml(piece.slice(last));
    return (start > 0 ? "… " : "") + html + (start + 200 < text.length ? " …" : "");
  }
  function search() {
    var query = fold(input.value).trim();
    selected = -1;
    if (!query) { results.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    var terms = query.split(/\s+/);
    var found = [];
    index.forEach(function (item) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i], s = 0;
        if (item.title.indexOf(term) >= 0) s += item.title.indexOf(term) === 0 ? 14 : 10;
        if (item.heads.indexOf(term) >= 0) s += 5;
        if (item.section.indexOf(term) >= 0) s += 3;
        if (item.desc.indexOf(term) >= 0) s += 3;
        if (item.text.indexOf(term) >= 0) s += 1 + Math.min(3, item.text.split(term).length - 2) * 0.5;
        if (!s) return;
        score += s;
      }
      found.push({ item: item, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.item.entry.t < b.item.entry.t ? -1 : 1); });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (!found.length) {
      results.innerHTML = '<p class="search-empty">' + escapeHtml(input.getAttribute("data-none")) + " “" + escapeHtml(input.value.trim()) + "”</p>";
      return;
    }
    results.innerHTML = found.slice(0, 12).map(function (hit, i) {
      var entry = hit.item.entry;
      return '<a role="option" id="result-' + i + '" class="search-hit" href="' + escapeHtml(prefix + entry.u) + '">' +
        (entry.s ? '<span class="hit-section">' + escapeHtml(entry.s) + "</span>" : "") +
        '<span class="hit-title">' + escapeHtml(entry.t) + "</span>" +
        '<span class="hit-text">' + snippet(entry, terms) + "</span></a>";
    }).join("");
  }
  function move(step) {
    var hits = $$(".search-hit", results);
    if (!hits.length) return;
    selected = (selected + step + hits.length) % hits.length;
    hits.forEach(function (hit, i) { hit.classList.toggle("selected", i === selected); });
    hits[selected].scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", hits[selected].id);
  }
  input.addEventListener("focus", function () { load(function () { if (input.value) search(); }); });
  input.addEventListener("input", function () { load(search); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Enter") {
      var hits = $$(".search-hit", results);
      var hit = hits[selected >= 0 ? selected : 0];
      if (hit) { event.preventDefault(); window.location.href = hit.href; }
    } else if (event.key === "Escape") { input.value = ""; results.hidden = true; input.blur(); }
  });
  doc.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if ((event.key === "/" || (event.key === "k" && (event.ctrlKey || event.metaKey))) && !/INPUT|TEXTAREA|SELECT/.test(tag)) {
      event.preventDefault();
      input.focus();
    }
  });
  doc.addEventListener("click", function (event) {
    if (!results.contains(event.target) && event.target !== input) results.hidden = true;
  });
})();
