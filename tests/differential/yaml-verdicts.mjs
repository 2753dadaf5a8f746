// Differential oracle for the frontmatter reader: how js-yaml (what Astro's parseFrontmatter
// calls, default schema) reads a list of hostile frontmatters. Writes ../data/yaml_verdicts.json:
// for each case, "error" or the JavaScript type of the value of key "v".
// Run: cd tests/differential && npm ci && node yaml-verdicts.mjs
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import yaml from 'js-yaml'

const version = createRequire(import.meta.url)('js-yaml/package.json').version
const hex = (c) => c.toString(16).toUpperCase().padStart(4, '0')
const controls = []
for (let c = 0; c < 0x20; c++) if (![0x09, 0x0a, 0x0d].includes(c)) controls.push(c)
for (let c = 0x7f; c < 0xa0; c++) if (c !== 0x85) controls.push(c)
controls.push(0xfffe, 0xffff)

const cases = []
const add = (name, text) => cases.push({ name, yaml: text })
for (const c of controls) {
  const ch = String.fromCharCode(c)
  add(`plain-U+${hex(c)}`, `title: T\nv: a${ch}b`)
  add(`double-quoted-U+${hex(c)}`, `title: T\nv: "a${ch}b"`)
  add(`single-quoted-U+${hex(c)}`, `title: T\nv: 'a${ch}b'`)
  add(`comment-U+${hex(c)}`, `title: T # a${ch}b\nv: 1`)
  add(`key-U+${hex(c)}`, `title: T\nk${ch}: 1\nv: 1`)
}
for (const c of [0x85, 0x2028, 0x2029, 0xfeff]) {
  const ch = String.fromCharCode(c)
  add(`plain-U+${hex(c)}`, `title: T\nv: a${ch}b`)
  add(`quoted-U+${hex(c)}`, `title: T\nv: "a${ch}b"`)
  add(`block-U+${hex(c)}`, `title: T\nv: |\n  a${ch}b`)
  add(`comment-U+${hex(c)}`, `title: T # ${ch}\nv: x`)
}
const values = [
  '.', '-.', '+.', '.e5', '-.5', '+.5', '.5', '1.', '1.5e3', '1e5', '1e999', '-1e999', '.inf', '-.Inf', '.NaN',
  '1'.repeat(400), '1'.repeat(5000), '-' + '9'.repeat(4400), '0x' + 'f'.repeat(300), '0x1F', '-0x10', '+0o17', '0b101',
  '0b', '0x', '012', '1_000', '1_000.5', '!!int one', '!!int 1.5', '!!int "7"', '!!float x', '!!float 1', '!!float 0x10',
  '!!bool yes', '!!bool true', '!!null x', '!!null ~', '!!str 5', '!!timestamp soon', '!!timestamp 2024-01-02',
  '2024-09-30', '2024-9-30', '2024-02-30', '9999-12-31T23:59:59-05:00', '9999-12-31T25:61:00',
  '0001-01-01T00:00:00+01:00', '0001-01-01', '2024-01-01T24:00:00', '2024-01-02 23:11:12.5 +07:00',
  'yes', 'off', '~', 'null', 'Null', 'NULL', 'nULL', 'True', 'tRUE',
]
values.forEach((value, i) => add(`value-${i}-${value.slice(0, 20)}`, `title: T\nv: ${value}`))
add('merge-then-override', 'title: T\nb: &b {k: 1, j: 2}\nv:\n  <<: *b\n  k: 3')
add('override-then-merge', 'title: T\nb: &b {k: 1}\nv:\n  k: 3\n  <<: *b')
add('merge-list', 'title: T\nb: &b {k: 1}\nc: &c {j: 2}\nv:\n  <<: [*b, *c]')
add('duplicate-key', 'title: T\nv: 1\nv: 2')
add('anchor-defined-twice', 'title: T\na: &x 1\nb: &x 2\nv: *x')
add('nesting-99', 'title: T\nv: ' + '['.repeat(98) + ']'.repeat(98))
add('nesting-100', 'title: T\nv: ' + '['.repeat(100) + ']'.repeat(100))
add('nesting-1000', 'title: T\nv: ' + '['.repeat(1000) + ']'.repeat(1000))

const typeOf = (value) =>
  value === null ? 'null' : value instanceof Date ? 'date' : Array.isArray(value) ? 'array' : typeof value
const verdicts = cases.map(({ name, yaml: text }) => {
  try {
    const data = yaml.load(text)
    return { name, yaml: text, verdict: typeOf(data.v) }
  } catch (error) {
    return { name, yaml: text, verdict: 'error', js_yaml_error: error.reason }
  }
})
const out = new URL('../data/yaml_verdicts.json', import.meta.url)
writeFileSync(out, JSON.stringify({ 'js-yaml': version, cases: verdicts }, null, 1) + '\n')
console.log(`${verdicts.length} verdicts (js-yaml ${version}) written to ${out.pathname}`)
