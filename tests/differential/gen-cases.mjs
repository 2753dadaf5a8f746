// Deterministic generator of frontmatter test cases for the Starlight differential test.
//
// Each case is {name, yaml}: `yaml` is the frontmatter text without the `---` fences.
// The verdict (valid or not) is NOT decided here: harness.ts asks Starlight's own
// docsSchema() for it. Add cases freely; names must stay unique.
//
//   node gen-cases.mjs          prints the number of cases (and checks names are unique)
//   import { cases } from './gen-cases.mjs'   used by harness.ts

const T = 'title: Pengenalan\n';

/** @type {{name: string, yaml: string}[]} */
const out = [];

/** Add a case; `body` is appended to a valid title unless `withTitle` is false. */
function add(name, body, { withTitle = true } = {}) {
	out.push({ name, yaml: (withTitle ? T : '') + body });
}

/** Add one case per value for `key: value` (value is raw YAML text). */
function values(key, list, opts = {}) {
	for (const [label, raw] of list) add(`${key}/${label}`, `${key}: ${raw}\n`, opts);
}

// ---------------------------------------------------------------- whole document
add('doc/empty', '', { withTitle: false });
add('doc/only-comment', '# nothing here\n', { withTitle: false });
add('doc/title-only', T, { withTitle: false });
add('doc/missing-title', 'description: Tidak ada judul\n', { withTitle: false });
add('doc/array-root', '- title\n- Pengenalan\n', { withTitle: false });
add('doc/scalar-root', 'just some text\n', { withTitle: false });
add('doc/syntax-error-unclosed-flow', 'title: [Pengenalan\n', { withTitle: false });
add('doc/syntax-error-bad-indent', 'title: Pengenalan\n  description: x\n', { withTitle: false });
add('doc/syntax-error-tab-indent', 'sidebar:\n\torder: 1\n');
add('doc/duplicate-top-key', 'title: A\ntitle: B\n', { withTitle: false });
add('doc/duplicate-nested-key', 'sidebar:\n  order: 1\n  order: 2\n');
add('doc/duplicate-key-in-flow', 'prev: {link: /a, link: /b}\n');
add('doc/unknown-tag', 'title: !foo Pengenalan\n', { withTitle: false });
add('doc/str-tag-on-number', 'title: !!str 123\n', { withTitle: false });
add('doc/int-tag-on-string', 'title: !!int "3"\n', { withTitle: false });
add('doc/anchor-alias', 'title: &t Pengenalan\ndescription: *t\n', { withTitle: false });
add('doc/undefined-alias', 'description: *nope\n');
add('doc/merge-key', 'base: &b {order: 2, label: Mulai}\nsidebar:\n  <<: *b\n  hidden: false\n');
add('doc/merge-key-bad-type', 'base: &b {order: two}\nsidebar:\n  <<: *b\n');
add('doc/comment-after-values', 'description: Halo # komentar\ndraft: false # komentar\n');
add('doc/crlf-line-endings', 'description: Windows\r\ndraft: true\r\n');
add('doc/flow-mapping-root', '{title: Pengenalan, draft: true}\n', { withTitle: false });
add('doc/document-end-marker', 'draft: true\n...\n');
add('doc/explicit-key', '? draft\n: true\n');
add('doc/unicode', 'description: "Belajar Git — dasar 🚀"\n');
add('doc/all-valid-fields',
	'description: Semua kolom\n' +
	'slug: semua/kolom\n' +
	'editUrl: https://github.com/org/pusat-belajar/edit/main/src/content/docs/index.mdx\n' +
	'head:\n  - tag: meta\n    attrs: {name: author, content: Tim}\n' +
	'tableOfContents: {minHeadingLevel: 2, maxHeadingLevel: 4}\n' +
	'template: doc\n' +
	'hero:\n  title: Halo\n  tagline: Mari belajar\n  image: {file: ./images/hero.png, alt: Logo}\n' +
	'  actions:\n    - {text: Mulai, link: /pusat-belajar/pengenalan, variant: primary, icon: right-arrow}\n' +
	'banner: {content: Baru!}\n' +
	'lastUpdated: 2024-09-30\n' +
	'prev: false\n' +
	'next: {link: /pusat-belajar/tutorials/, label: Lanjut}\n' +
	'pagefind: true\n' +
	'draft: false\n' +
	'sidebar:\n  order: 1\n  label: Awal\n  hidden: false\n  badge: {text: Baru, variant: tip}\n  attrs: {class: menonjol}\n');
add('doc/pusat-belajar-index',
	'title: Pusat Belajar\ndescription: Tempat belajar bersama\ntemplate: splash\nhero:\n  tagline: Belajar dari nol\n' +
	'  actions:\n    - text: Mulai belajar\n      link: /pusat-belajar/pengenalan\n      icon: right-arrow\n' +
	'    - text: GitHub\n      link: https://github.com/org/pusat-belajar\n      variant: minimal\n      icon: external\n',
	{ withTitle: false });
add('doc/pusat-belajar-draft',
	'title: Pendahuluan Backend\ndescription: Dasar backend\ndraft: true\nsidebar:\n  order: 1\n', { withTitle: false });

// ---------------------------------------------------------------- title
values('title', [
	['plain', 'Pengenalan Git'], ['single-quoted', "'Pengenalan'"], ['double-quoted', '"Pengenalan"'],
	['empty-string', "''"], ['empty-value', ''], ['tilde', '~'], ['null', 'null'], ['Null', 'Null'],
	['NULL', 'NULL'], ['quoted-null', "'null'"], ['int', '123'], ['float', '1.5'], ['true', 'true'],
	['True', 'True'], ['TRUE', 'TRUE'], ['tRUE', 'tRUE'], ['yes', 'yes'], ['no', 'no'], ['on', 'on'],
	['off', 'off'], ['y', 'y'], ['n', 'n'], ['Yes', 'Yes'], ['date', '2024-01-01'],
	['quoted-date', "'2024-01-01'"], ['list', '[a, b]'], ['mapping', '{a: 1}'], ['equals-sign', '='],
	['merge-sign', "'<<'"], ['octal-0o', '0o17'], ['underscore-int', '1_000'], ['exp-without-dot', '1e3'],
	['sexagesimal', '1:30'], ['hex', '0x1F'], ['binary', '0b101'], ['inf', '.inf'], ['nan', '.nan'],
	['leading-zero', '012'], ['plus-int', '+1'], ['dot-float', '.5'], ['block-literal', '|\n  Baris satu\n  Baris dua'],
	['block-folded', '>\n  Baris satu\n  baris dua'], ['multi-line-plain', 'Baris satu\n  baris dua'],
	['colon-in-quoted', '"Git: dasar"'], ['hash-in-value', 'C# untuk pemula'], ['url', 'https://example.com'],
	['version-like', '1.2.3'], ['time-like', '10:30'], ['minus-zero', '-0'], ['binary-tag', '!!binary aGVsbG8='],
], { withTitle: false });
for (const [label, raw] of [['int', '123'], ['bool', 'true'], ['null', 'null'], ['list', '[x]']]) {
	add(`title/missing-with-${label}-description`, `description: ${raw}\n`, { withTitle: false });
}

// ---------------------------------------------------------------- description
values('description', [
	['string', 'Panduan singkat'], ['empty-string', "''"], ['empty-value', ''], ['null', 'null'],
	['int', '3'], ['float', '1.0'], ['bool', 'false'], ['yes', 'yes'], ['list', '[a]'], ['mapping', '{a: b}'],
	['date', '2024-09-30'], ['multi-line', '>-\n  Satu\n  dua'], ['long', JSON.stringify('x'.repeat(300))],
]);

// ---------------------------------------------------------------- slug and $schema (not in Starlight's schema)
values('slug', [['string', 'custom/slug'], ['int', '123'], ['null', 'null'], ['bool', 'true'], ['list', '[a]']]);
values('$schema', [['relative', './frontmatter.schema.json'], ['url', 'https://example.com/s.json'], ['int', '3'], ['null', 'null']]);
add('$schema/quoted-key', '"$schema": ../schema.json\n');

// ---------------------------------------------------------------- unknown keys
add('unknown/typo-draf', 'draf: true\n');
add('unknown/tags-list', 'tags: [git, dasar]\n');
add('unknown/nested-object', 'meta:\n  author: {name: Ani, roles: [editor]}\n');
add('unknown/null', 'extra: null\n');
add('unknown/int-key', '1: satu\n');
add('unknown/bool-key', 'true: benar\n');
add('unknown/null-key', '~: kosong\n');
add('unknown/date-key', '2024-01-01: tanggal\n');
add('unknown/many', 'author: Ani\ncategory: tutorial\nweight: 3\nlayout: ../x.astro\n');
add('unknown/layout-key', 'layout: ../../layouts/Base.astro\n');

// ---------------------------------------------------------------- editUrl
values('editUrl', [
	['https', 'https://github.com/org/pusat-belajar/edit/main/src/content/docs/pengenalan.md'],
	['http-localhost-port', 'http://localhost:4321/edit'], ['true', 'true'], ['false', 'false'],
	['null', 'null'], ['empty-value', ''], ['empty-string', "''"], ['no-scheme', 'github.com/org/repo'],
	['root-relative', '/edit/pengenalan'], ['dot-relative', './pengenalan.md'], ['mailto', 'mailto:tim@example.com'],
	['javascript', "'javascript:void(0)'"], ['scheme-only', "'https://'"], ['space-in-host', "'https://exa mple.com/x'"],
	['space-in-path', "'https://example.com/a b'"], ['port-too-big', 'https://example.com:99999/'],
	['port-ok', 'https://example.com:8080/x'], ['empty-port', "'https://example.com:/x'"], ['port-letters', "'https://example.com:80a/'"],
	['padded', "'  https://example.com/x  '"], ['http-no-slashes', 'http:example.com'], ['ftp', 'ftp://example.com/file'],
	['file', 'file:///tmp/x.md'], ['urn', 'urn:isbn:0451450523'], ['custom-scheme', 'x:y'],
	['scheme-starts-with-digit', '1http://example.com'], ['yes', 'yes'], ['int', '123'], ['ipv6', "'https://[::1]/x'"],
	['ipv6-unclosed', "'https://[::1/x'"], ['userinfo', "'https://user:pass@example.com/'"], ['unicode-path', 'https://example.com/édit'],
	['unicode-host', 'https://bücher.example/x'], ['percent-in-host', "'https://ex%ample.com/'"],
	['bad-percent-in-path', "'https://example.com/%zz'"], ['fragment', "'https://example.com/x#bagian'"],
	['query', "'https://example.com/x?a=1&b=2'"], ['uppercase', 'HTTPS://EXAMPLE.COM/X'], ['single-slash', "'https:/example.com'"],
	['backslashes', "'https:\\\\example.com\\x'"], ['missing-colon', 'http//example.com'], ['triple-slash', "'https:///example.com'"],
	['empty-host-query', "'https://?x'"], ['ws', 'ws://example.com/socket'], ['git-ssh', 'git@github.com:org/repo.git'],
	['ssh-scheme', 'ssh://git@github.com/org/repo'], ['custom-scheme-space-host', "'foo://exa mple/x'"], ['list', '[https://x.com]'],
	['date', '2024-01-01'], ['pipe-in-host', "'https://a|b.com/'"], ['caret-in-host', "'https://a^b.com/'"],
	['angle-in-host', "'https://a<b.com/'"], ['ip-address', 'http://192.168.1.1/x'], ['vscode-scheme', "'vscode://file/x'"],
]);

// ---------------------------------------------------------------- head
const headCases = [
	['empty-list', '[]'], ['null', 'null'], ['mapping', '{tag: meta}'], ['string', 'meta'],
	['meta-attrs', '\n  - tag: meta\n    attrs: {name: author, content: Tim}'],
	['meta-property', '\n  - tag: meta\n    attrs:\n      property: og:image\n      content: https://example.com/og.png'],
	['link', '\n  - tag: link\n    attrs: {rel: stylesheet, href: /custom.css}'],
	['script-content', "\n  - tag: script\n    content: console.log('hi')"],
	['script-async-bool', '\n  - tag: script\n    attrs: {src: /x.js, async: true, defer: false}'],
	['style', '\n  - tag: style\n    content: "body { color: red }"'], ['title', '\n  - tag: title\n    content: Judul'],
	['base', '\n  - tag: base\n    attrs: {href: /}'], ['noscript', '\n  - tag: noscript\n    content: JS mati'],
	['template', '\n  - tag: template\n    content: <p>x</p>'], ['tag-only', '\n  - tag: link'],
	['tag-div', '\n  - tag: div\n    content: x'], ['tag-uppercase', '\n  - tag: META\n    attrs: {name: x}'],
	['tag-missing', '\n  - attrs: {name: x}'], ['tag-null', '\n  - tag: null'], ['tag-int', '\n  - tag: 1'],
	['meta-content', '\n  - tag: meta\n    content: Tim'], ['meta-content-and-attrs', '\n  - tag: meta\n    attrs: {name: author}\n    content: Tim'],
	['meta-empty-content', "\n  - tag: meta\n    attrs: {name: author}\n    content: ''"],
	['meta-null-content', '\n  - tag: meta\n    attrs: {name: author}\n    content: null'],
	['link-content', '\n  - tag: link\n    content: x'], ['attrs-number', '\n  - tag: meta\n    attrs: {name: x, size: 3}'],
	['attrs-null', '\n  - tag: meta\n    attrs: {name: null}'], ['attrs-list', '\n  - tag: link\n    attrs: [rel]'],
	['attrs-string', '\n  - tag: link\n    attrs: rel'], ['attrs-nested', '\n  - tag: link\n    attrs: {data: {x: 1}}'],
	['attrs-empty', '\n  - tag: link\n    attrs: {}'], ['attrs-yes-string', '\n  - tag: script\n    attrs: {async: yes}'],
	['content-number', '\n  - tag: style\n    content: 3'], ['extra-key', '\n  - tag: link\n    attrs: {rel: icon}\n    foo: bar'],
	['entry-string', '\n  - meta'], ['entry-null', '\n  -'], ['two-entries-one-bad', '\n  - tag: link\n  - tag: span'],
	['meta-content-second-entry', '\n  - tag: link\n  - tag: meta\n    content: x'],
];
for (const [label, raw] of headCases) add(`head/${label}`, `head: ${raw}\n`);

// ---------------------------------------------------------------- tableOfContents
values('tableOfContents', [
	['true', 'true'], ['false', 'false'], ['empty-object', '{}'], ['2-4', '{minHeadingLevel: 2, maxHeadingLevel: 4}'],
	['1-6', '{minHeadingLevel: 1, maxHeadingLevel: 6}'], ['3-2', '{minHeadingLevel: 3, maxHeadingLevel: 2}'],
	['6-1', '{minHeadingLevel: 6, maxHeadingLevel: 1}'], ['3-3', '{minHeadingLevel: 3, maxHeadingLevel: 3}'],
	['6-6', '{minHeadingLevel: 6, maxHeadingLevel: 6}'], ['1-1', '{minHeadingLevel: 1, maxHeadingLevel: 1}'],
	['min-0', '{minHeadingLevel: 0}'], ['max-7', '{maxHeadingLevel: 7}'], ['min-7-max-7', '{minHeadingLevel: 7, maxHeadingLevel: 7}'],
	['min-negative', '{minHeadingLevel: -1}'], ['only-min-1', '{minHeadingLevel: 1}'], ['only-min-3', '{minHeadingLevel: 3}'],
	['only-min-4', '{minHeadingLevel: 4}'], ['only-min-6', '{minHeadingLevel: 6}'], ['only-max-1', '{maxHeadingLevel: 1}'],
	['only-max-2', '{maxHeadingLevel: 2}'], ['only-max-6', '{maxHeadingLevel: 6}'], ['min-float', '{minHeadingLevel: 2.5}'],
	['min-float-integral', '{minHeadingLevel: 2.0}'], ['min-string', '{minHeadingLevel: "2"}'], ['min-null', '{minHeadingLevel: null}'],
	['min-hex', '{minHeadingLevel: 0x2}'], ['extra-key', '{foo: 1}'], ['extra-key-with-levels', '{minHeadingLevel: 2, depth: 3}'],
	['typo-key', '{minHeadinglevel: 4}'], ['null', 'null'], ['yes', 'yes'], ['int', '3'], ['string-true', '"true"'],
	['list', '[2, 3]'], ['block', '\n  minHeadingLevel: 2\n  maxHeadingLevel: 5'], ['block-min-gt-max', '\n  minHeadingLevel: 5\n  maxHeadingLevel: 4'],
	['min-bad-and-gt', '{minHeadingLevel: 9, maxHeadingLevel: 2}'], ['max-inf', '{maxHeadingLevel: .inf}'],
]);

// ---------------------------------------------------------------- template
values('template', [['doc', 'doc'], ['splash', 'splash'], ['Splash', 'Splash'], ['null', 'null'], ['int', '3'],
	['empty-string', "''"], ['unknown', 'wide'], ['list', '[doc]']]);

// ---------------------------------------------------------------- hero
values('hero', [['empty-object', '{}'], ['null', 'null'], ['string', 'Halo'], ['true', 'true'], ['list', '[]'],
	['title-tagline', '{title: Halo, tagline: Belajar}'], ['title-int', '{title: 3}'], ['tagline-null', '{tagline: null}'],
	['title-html', "{title: '<em>Halo</em>'}"], ['extra-key', '{subtitle: x}'], ['nested-unknown', '{foo: {bar: [1]}}']]);
const heroImage = [
	['file', '{file: ./images/hero.png}'], ['file-alt', '{file: ./images/hero.png, alt: Logo}'],
	['dark-light', '{dark: ./d.png, light: ./l.png}'], ['dark-light-alt', '{dark: ./d.png, light: ./l.png, alt: Logo}'],
	['dark-only', '{dark: ./d.png}'], ['light-only', '{light: ./l.png}'], ['html', "{html: '<svg></svg>'}"],
	['html-int', '{html: 3}'], ['alt-only', '{alt: Logo}'], ['empty-object', '{}'], ['file-int', '{file: 3}'],
	['file-and-dark', '{file: ./x.png, dark: ./d.png}'], ['file-and-html', "{file: ./x.png, html: '<b>x</b>'}"],
	['html-alt-int', "{html: '<svg/>', alt: 3}"], ['file-alt-int', '{file: ./x.png, alt: 3}'],
	['file-alt-null', '{file: ./x.png, alt: null}'], ['html-alt-null', "{html: '<svg/>', alt: null}"],
	['string', './images/hero.png'], ['null', 'null'], ['dark-light-int', '{dark: ./d.png, light: 3}'],
	['file-null', '{file: null}'], ['file-empty-string', "{file: ''}"], ['file-url', '{file: https://example.com/x.png}'],
	['file-absolute', '{file: /hero.png}'], ['extra-key', '{file: ./x.png, width: 300}'], ['list', '[./x.png]'],
	['dark-light-null-alt', '{dark: ./d.png, light: ./l.png, alt: null}'], ['html-null', '{html: null}'],
];
for (const [label, raw] of heroImage) add(`hero.image/${label}`, `hero:\n  image: ${raw}\n`);
const action = (fields) => `hero:\n  actions:\n    - ${fields}\n`;
const heroActions = [
	['minimal', '{text: Mulai, link: /pusat-belajar/pengenalan}'],
	['variant-primary', '{text: A, link: /a, variant: primary}'], ['variant-secondary', '{text: A, link: /a, variant: secondary}'],
	['variant-minimal', '{text: A, link: /a, variant: minimal}'], ['variant-Primary', '{text: A, link: /a, variant: Primary}'],
	['variant-tertiary', '{text: A, link: /a, variant: tertiary}'], ['variant-null', '{text: A, link: /a, variant: null}'],
	['missing-text', '{link: /a}'], ['missing-link', '{text: A}'], ['link-null', '{text: A, link: null}'],
	['link-int', '{text: A, link: 3}'], ['text-int', '{text: 3, link: /a}'], ['text-empty', "{text: '', link: ''}"],
	['icon-right-arrow', '{text: A, link: /a, icon: right-arrow}'], ['icon-external', '{text: A, link: /a, icon: external}'],
	['icon-github', '{text: A, link: /a, icon: github}'], ['icon-x.com', '{text: A, link: /a, icon: x.com}'],
	['icon-codePen', '{text: A, link: /a, icon: codePen}'], ['icon-codepen-lowercase', '{text: A, link: /a, icon: codepen}'],
	['icon-seti-folder', "{text: A, link: /a, icon: 'seti:folder'}"], ['icon-seti-unknown', "{text: A, link: /a, icon: 'seti:nope'}"],
	['icon-arrow-right', '{text: A, link: /a, icon: arrow-right}'], ['icon-Github', '{text: A, link: /a, icon: Github}'],
	['icon-svg', "{text: A, link: /a, icon: '<svg viewBox=\"0 0 24 24\"><path d=\"M0 0\"/></svg>'}"],
	['icon-svg-prefix-only', "{text: A, link: /a, icon: '<svg'}"], ['icon-svg-leading-space', "{text: A, link: /a, icon: ' <svg></svg>'}"],
	['icon-SVG-uppercase', "{text: A, link: /a, icon: '<SVG></SVG>'}"], ['icon-path-element', "{text: A, link: /a, icon: '<path d=\"x\"/>'}"],
	['icon-int', '{text: A, link: /a, icon: 3}'], ['icon-null', '{text: A, link: /a, icon: null}'],
	['icon-empty', "{text: A, link: /a, icon: ''}"], ['attrs-ok', '{text: A, link: /a, attrs: {target: _blank, rel: noopener}}'],
	['attrs-number', '{text: A, link: /a, attrs: {data-n: 3}}'], ['attrs-bool', '{text: A, link: /a, attrs: {download: true}}'],
	['attrs-null', '{text: A, link: /a, attrs: {rel: null}}'], ['attrs-list', '{text: A, link: /a, attrs: {x: [1]}}'],
	['attrs-string', '{text: A, link: /a, attrs: x}'], ['attrs-null-whole', '{text: A, link: /a, attrs: null}'],
	['attrs-inf', '{text: A, link: /a, attrs: {x: .inf}}'], ['extra-key', '{text: A, link: /a, target: _blank}'],
];
for (const [label, raw] of heroActions) add(`hero.actions/${label}`, action(raw));
add('hero.actions/empty-list', 'hero:\n  actions: []\n');
add('hero.actions/null', 'hero:\n  actions: null\n');
add('hero.actions/mapping', 'hero:\n  actions: {text: A, link: /a}\n');
add('hero.actions/string-entry', 'hero:\n  actions:\n    - Mulai\n');
add('hero.actions/two-ok', 'hero:\n  actions:\n    - {text: A, link: /a}\n    - {text: B, link: /b, variant: secondary}\n');
add('hero.actions/second-bad', 'hero:\n  actions:\n    - {text: A, link: /a}\n    - {text: B, link: /b, icon: nope}\n');
add('hero.actions/block-style', 'hero:\n  actions:\n    - text: Mulai\n      link: /pusat-belajar/pengenalan\n      variant: primary\n      icon: right-arrow\n');

// ---------------------------------------------------------------- banner
values('banner', [['content', '{content: Versi baru!}'], ['html', "{content: '<a href=\"/x\">Baru</a>'}"],
	['empty-object', '{}'], ['content-int', '{content: 3}'], ['content-null', '{content: null}'], ['string', 'Baru!'],
	['null', 'null'], ['extra-key', '{content: x, dismissible: true}'], ['block', '\n  content: Baru']]);

// ---------------------------------------------------------------- lastUpdated
values('lastUpdated', [
	['date', '2024-09-30'], ['single-quoted-date', "'2024-09-30'"], ['double-quoted-date', '"2024-09-30"'],
	['true', 'true'], ['false', 'false'], ['datetime-z', '2024-09-30T10:00:00Z'], ['datetime-space', '2024-09-30 10:00:00'],
	['datetime-fraction-offset', '2024-09-30T10:00:00.123+07:00'], ['datetime-lowercase-t', '2024-09-30t10:00:00z'],
	['datetime-space-before-tz', '2024-09-30 10:00:00 +07'], ['impossible-feb-30', '2024-02-30'], ['month-13', '2024-13-01'],
	['zero-month-day', '2024-00-00'], ['feb-29-non-leap', '2023-02-29'], ['single-digit-month', '2024-9-30'],
	['single-digit-day', '2024-09-3'], ['datetime-single-digit', '2024-9-3 10:00:00'], ['datetime-no-seconds', '2024-09-30T10:00'],
	['hour-25', '2024-09-30T25:61:61Z'], ['compact-number', '20240930'], ['epoch', '1727654400'], ['yes', 'yes'],
	['null', 'null'], ['words', 'Sept 30 2024'], ['with-comment', '2024-09-30 # kemarin'], ['list', '[2024-09-30]'],
	['year-1', '0001-01-01'], ['year-9999', '9999-12-31'], ['negative-offset', '1900-01-01T00:00:00-05:00'],
	['slash-date', '2024/09/30'], ['two-digit-year', '24-09-30'], ['timestamp-tag-quoted', "!!timestamp '2024-09-30'"],
	['str-tag-date', '!!str 2024-09-30'], ['mapping', '{date: 2024-09-30}'], ['datetime-trailing-space-tz', '2024-09-30T10:00:00 Z'],
]);

// ---------------------------------------------------------------- prev / next
const pn = [
	['true', 'true'], ['false', 'false'], ['label', 'Sebelumnya'], ['quoted-label', "'Kembali'"], ['empty-string', "''"],
	['yes', 'yes'], ['int', '3'], ['null', 'null'], ['empty-value', ''], ['empty-object', '{}'],
	['link', '{link: /pusat-belajar/pengenalan}'], ['label-object', '{label: Kembali}'], ['link-label', '{link: /a, label: A}'],
	['link-int', '{link: 3}'], ['label-null', '{label: null}'], ['link-bool', '{link: true}'],
	['extra-key', '{link: /a, label: A, extra: 1}'], ['href-instead-of-link', '{href: /a}'], ['Label-capital', '{link: /a, Label: A}'],
	['nested-unknown', '{link: /a, meta: {x: 1}}'], ['list', '[/a]'], ['block', '\n  link: /pusat-belajar/tutorials/\n  label: Tutorial'],
	['date', '2024-09-30'], ['float', '1.5'],
];
for (const key of ['prev', 'next']) values(key, pn);

// ---------------------------------------------------------------- pagefind / draft
const bools = [['true', 'true'], ['false', 'false'], ['True', 'True'], ['FALSE', 'FALSE'], ['yes', 'yes'], ['no', 'no'],
	['on', 'on'], ['off', 'off'], ['y', 'y'], ['int-1', '1'], ['int-0', '0'], ['quoted-true', '"true"'], ['null', 'null'],
	['empty-value', ''], ['list', '[true]']];
values('pagefind', bools);
values('draft', bools);

// ---------------------------------------------------------------- sidebar
values('sidebar', [['empty-object', '{}'], ['null', 'null'], ['string', 'Awal'], ['list', '[]'], ['true', 'true'],
	['extra-key', '{foo: 1}'], ['nested-unknown', '{collapsed: {x: 1}}'], ['block', '\n  order: 2\n  label: Awal\n  hidden: true']]);
const sidebarFields = [
	['order-int', '{order: 1}'], ['order-negative', '{order: -1}'], ['order-zero', '{order: 0}'], ['order-float', '{order: 1.5}'],
	['order-string', '{order: "1"}'], ['order-null', '{order: null}'], ['order-inf', '{order: .inf}'],
	['order-neg-inf', '{order: -.inf}'], ['order-nan', '{order: .nan}'], ['order-exp', '{order: 1e3}'],
	['order-exp-dot', '{order: 1.0e+3}'], ['order-underscore', '{order: 1_000}'], ['order-0o', '{order: 0o17}'],
	['order-hex', '{order: 0x10}'], ['order-leading-zero', '{order: 017}'], ['order-sexagesimal', '{order: 1:30}'],
	['order-huge', '{order: 99999999999999999999}'], ['order-bool', '{order: true}'], ['order-plus', '{order: +3}'],
	['order-date', '{order: 2024-01-01}'], ['order-dot', '{order: .5}'], ['order-trailing-dot', '{order: 3.}'],
	['label', '{label: Awal}'], ['label-int', '{label: 3}'], ['label-null', '{label: null}'], ['label-empty', "{label: ''}"],
	['hidden-true', '{hidden: true}'], ['hidden-yes', '{hidden: yes}'], ['hidden-null', '{hidden: null}'], ['hidden-string', '{hidden: "false"}'],
	['badge-string', '{badge: Baru}'], ['badge-empty-string', "{badge: ''}"], ['badge-text', '{badge: {text: Baru}}'],
	['badge-variant-note', '{badge: {text: B, variant: note}}'], ['badge-variant-danger', '{badge: {text: B, variant: danger}}'],
	['badge-variant-success', '{badge: {text: B, variant: success}}'], ['badge-variant-caution', '{badge: {text: B, variant: caution}}'],
	['badge-variant-tip', '{badge: {text: B, variant: tip}}'], ['badge-variant-default', '{badge: {text: B, variant: default}}'],
	['badge-variant-info', '{badge: {text: B, variant: info}}'], ['badge-variant-Tip', '{badge: {text: B, variant: Tip}}'],
	['badge-no-text', '{badge: {variant: tip}}'], ['badge-text-int', '{badge: {text: 3}}'], ['badge-text-i18n', '{badge: {text: {en: New, id: Baru}}}'],
	['badge-class', '{badge: {text: B, class: my-badge}}'], ['badge-class-int', '{badge: {text: B, class: 3}}'],
	['badge-extra-key', '{badge: {text: B, size: large}}'], ['badge-int', '{badge: 3}'], ['badge-null', '{badge: null}'],
	['badge-list', '{badge: [Baru]}'], ['badge-bool', '{badge: true}'], ['badge-variant-null', '{badge: {text: B, variant: null}}'],
	['attrs', '{attrs: {target: _blank}}'], ['attrs-number', '{attrs: {data-n: 1}}'], ['attrs-null-value', '{attrs: {x: null}}'],
	['attrs-bool', '{attrs: {hidden: true}}'], ['attrs-list-value', '{attrs: {x: [1]}}'], ['attrs-object-value', '{attrs: {style: {color: red}}}'],
	['attrs-null', '{attrs: null}'], ['attrs-string', '{attrs: x}'], ['attrs-empty', '{attrs: {}}'], ['attrs-inf', '{attrs: {x: .inf}}'],
	['attrs-date-value', '{attrs: {data-d: 2024-01-01}}'],
];
for (const [label, raw] of sidebarFields) add(`sidebar.${label.split('-')[0]}/${label}`, `sidebar: ${raw}\n`);

// ---------------------------------------------------------------- a YAML date where an object is expected
// Zod 4's object check is `typeof x === 'object' && !Array.isArray(x)`, so a JS Date passes it.
add('date-as-object/hero', 'hero: 2024-09-30\n');
add('date-as-object/sidebar', 'sidebar: 2024-09-30\n');
add('date-as-object/tableOfContents', 'tableOfContents: 2024-09-30\n');
add('date-as-object/banner', 'banner: 2024-09-30\n');
add('date-as-object/hero.image', 'hero:\n  image: 2024-09-30\n');
add('date-as-object/hero.actions-entry', 'hero:\n  actions:\n    - 2024-09-30\n');
add('date-as-object/hero.actions.attrs', 'hero:\n  actions:\n    - {text: A, link: /a, attrs: 2024-09-30}\n');
add('date-as-object/head-entry', 'head:\n  - 2024-09-30\n');
add('date-as-object/head.attrs', 'head:\n  - {tag: link, attrs: 2024-09-30}\n');
add('date-as-object/sidebar.badge', 'sidebar: {badge: 2024-09-30}\n');
add('date-as-object/sidebar.attrs', 'sidebar: {attrs: 2024-09-30}\n');
add('date-as-object/next-datetime', 'next: 2024-09-30T10:00:00Z\n');
add('date-as-object/root', '2024-09-30\n', { withTitle: false });

export const cases = out;

// Sanity: unique names.
const seen = new Set();
for (const c of out) {
	if (seen.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
	seen.add(c.name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(`${out.length} cases`);
}
