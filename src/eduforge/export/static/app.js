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

  /* highlight what a search hit found (?highlight=words) ---------------------------------------- */
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  var WORD = /[\p{L}\p{N}_]+/gu;
  var CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
  function words(text) { return fold(text).match(WORD) || []; }
  function foldMap(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text[i]);
      for (var j = 0; j < f.length; j++) { out += f[j]; map.push(i); }
    }
    map.push(text.length);
    return { text: out, map: map };
  }
  function isWordChar(c) { return !!c && /[\p{L}\p{N}_]/u.test(c); }
  /* [start, end) ranges of `text` where one of the folded `found` words (or CJK terms) occurs */
  function ranges(text, found) {
    var mapped = foldMap(text), marks = [];
    found.forEach(function (word) {
      if (!word) return;
      var pos = mapped.text.indexOf(word);
      while (pos >= 0) {
        var whole = CJK.test(word) || !isWordChar(mapped.text[pos - 1]);
        if (whole) marks.push([mapped.map[pos], mapped.map[pos + word.length - 1] + 1]);
        pos = mapped.text.indexOf(word, pos + word.length);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return marks;
  }
  (function highlightLanding() {
    var match = /[?&]highlight=([^&#]*)/.exec(window.location.search);
    var prose = $(".prose");
    if (!match || !prose) return;
    var found;
    try { found = decodeURIComponent(match[1].replace(/\+/g, " ")).split(" ").filter(Boolean).map(fold); } catch (e) { return; }
    var walker = doc.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var marks = ranges(node.nodeValue, found);
      if (!marks.length || (node.parentNode && /^(SCRIPT|STYLE|MARK)$/.test(node.parentNode.nodeName))) return;
      var piece = doc.createDocumentFragment(), last = 0, text = node.nodeValue;
      marks.forEach(function (m) {
        if (m[0] < last) return;
        piece.appendChild(doc.createTextNode(text.slice(last, m[0])));
        var mark = doc.createElement("mark");
        mark.textContent = text.slice(m[0], m[1]);
        piece.appendChild(mark);
        last = m[1];
      });
      piece.appendChild(doc.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(piece, node);
    });
  })();

  /* search ------------------------------------------------------------------------------------- */
  /* The index (a script, so it loads from file://) holds one locale's lessons, each cut at its
     headings: a hit leads to the heading under which the words are.  Query words match whole
     words, prefixes ("inst" → "install"), and words one typo away (from five letters; two from nine). */
  var input = $("#search-input");
  var results = $("#search-results");
  if (!input || !results) return;
  var docs = null, vocabulary = null, postings = null;
  var loading = false;
  var selected = -1;
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 30rem)") : null;
  var fullPlaceholder = input.getAttribute("placeholder");
  function fitPlaceholder() {
    input.setAttribute("placeholder", narrow && narrow.matches ? input.getAttribute("aria-label") : fullPlaceholder);
  }
  fitPlaceholder();
  if (narrow && narrow.addEventListener) narrow.addEventListener("change", fitPlaceholder);

  var WEIGHT = { title: 6, heading: 3, section: 1.5, text: 1 };
  function build(entries) {
    docs = [];
    postings = Object.create(null);
    function post(word, d, weight) {
      var list = postings[word] || (postings[word] = []);
      var last = list[list.length - 1];
      if (last && last[0] === d) { if (weight > last[1]) last[1] = weight; } else list.push([d, weight]);
    }
    entries.forEach(function (entry) {
      var blocks = entry.b && entry.b.length ? entry.b : [["", "", entry.d || ""]];
      blocks.forEach(function (block, k) {
        var d = docs.length;
        var text = block[2] || (k === 0 ? entry.d || "" : "");
        docs.push({ entry: entry, id: block[0], heading: block[1], text: text, folded: fold(text) });
        words(entry.t).forEach(function (w) { post(w, d, WEIGHT.title); });
        words(block[1]).forEach(function (w) { post(w, d, WEIGHT.heading); });
        if (k === 0) words(entry.s + " " + (entry.d || "")).forEach(function (w) { post(w, d, WEIGHT.section); });
        words(text).forEach(function (w) { post(w, d, WEIGHT.text); });
      });
    });
    vocabulary = Object.keys(postings);
  }
  function load(then) {
    if (docs) { then(); return; }
    if (loading) return;
    loading = true;
    results.hidden = false;
    results.innerHTML = '<p class="search-empty">' + escapeHtml(input.getAttribute("data-loading")) + "</p>";
    var script = doc.createElement("script");
    script.src = input.getAttribute("data-index");
    script.onload = function () {
      build((window.EDUFORGE_SEARCH || []).filter(function (entry) { return entry.l === locale; }));
      then();
    };
    script.onerror = function () { loading = false; results.hidden = true; };
    doc.head.appendChild(script);
  }
  /* edit distance with swapped neighbours as one edit (agnet → agent), or max + 1 once it is more */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
        if (current[j] < best) best = current[j];
      }
      if (best > max) return max + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }
  /* the vocabulary words a query word matches, with how well: 1 exact, 0.7 prefix, 0.45 typo */
  function expand(term) {
    var found = Object.create(null), typos = CJK.test(term) ? 0 : term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
    vocabulary.forEach(function (word) {
      if (word === term) found[word] = 1;
      else if (word.indexOf(term) === 0) found[word] = 0.7;
      else if (CJK.test(term) && word.indexOf(term) >= 0) found[word] = 0.7;
      else if (typos && distance(term, word, typos) <= typos) found[word] = 0.45;
    });
    return found;
  }
  function snippet(hit) {
    var text = hit.doc.text, marks = ranges(text, hit.words);
    var at = marks.length ? marks[0][0] : 0;
    var start = Math.max(0, at - 60);
    if (start > 0) { var space = text.indexOf(" ", start); if (space > 0 && space < start + 20) start = space + 1; }
    var end = Math.min(text.length, start + 200), html = "", last = start;
    marks.forEach(function (m) {
      if (m[0] < last || m[1] > end) return;
      html += escapeHtml(text.slice(last, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      last = m[1];
    });
    html += escapeHtml(text.slice(last, end));
    return (start > 0 ? "… " : "") + html + (end < text.length ? " …" : "");
  }
  function markText(text, found) {
    var marks = ranges(text, found), html = "", last = 0;
    marks.forEach(function (m) {
      if (m[0] < last) return;
      html += escapeHtml(text.slice(last, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      last = m[1];
    });
    return html + escapeHtml(text.slice(last));
  }
  function search() {
    var query = input.value.trim();
    selected = -1;
    if (!query) { results.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    var terms = words(query);
    var scores = null, matched = {};
    terms.forEach(function (term) {
      var found = expand(term), these = Object.create(null);
      Object.keys(found).forEach(function (word) {
        postings[word].forEach(function (posting) {
          var s = found[word] * posting[1];
          if (!(posting[0] in these) || these[posting[0]].score < s) these[posting[0]] = { score: s, word: word };
          (matched[posting[0]] = matched[posting[0]] || {})[word] = true;
        });
      });
      if (scores === null) { scores = these; return; }
      var both = Object.create(null);
      Object.keys(these).forEach(function (d) { if (d in scores) both[d] = { score: scores[d].score + these[d].score }; });
      scores = both;
    });
    var best = {};
    Object.keys(scores || {}).forEach(function (d) {
      var item = docs[d], key = item.entry.u, score = scores[d].score;
      if (!best[key] || best[key].score < score) best[key] = { doc: item, score: score, words: Object.keys(matched[d]) };
    });
    var found = Object.keys(best).map(function (key) { return best[key]; });
    found.sort(function (a, b) { return b.score - a.score || (a.doc.entry.t < b.doc.entry.t ? -1 : 1); });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (!found.length) {
      results.innerHTML = '<p class="search-empty">' + escapeHtml(input.getAttribute("data-none")) + " “" + escapeHtml(query) + "”</p>";
      return;
    }
    results.innerHTML = found.slice(0, 12).map(function (hit, i) {
      var entry = hit.doc.entry;
      var href = prefix + entry.u + "?highlight=" + encodeURIComponent(hit.words.join(" ")) + (hit.doc.id ? "#" + encodeURIComponent(hit.doc.id) : "");
      return '<a role="option" id="result-' + i + '" class="search-hit" href="' + escapeHtml(href) + '">' +
        (entry.s ? '<span class="hit-section">' + escapeHtml(entry.s) + "</span>" : "") +
        '<span class="hit-title">' + markText(entry.t, hit.words) + "</span>" +
        (hit.doc.heading ? '<span class="hit-heading">' + markText(hit.doc.heading, hit.words) + "</span>" : "") +
        '<span class="hit-text">' + snippet(hit) + "</span></a>";
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
