// Prints github-slugger's removed characters as alternating range starts (removed, kept, removed, …),
// for src/eduforge/site/slug.py. Run: node slugger-table.mjs
import { regex } from "github-slugger/regex.js";

const starts = [];
let removed = false;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue; // surrogates never reach the slugger from UTF-8 text
  const gone = String.fromCodePoint(cp).replace(new RegExp(regex.source, "g"), "") === "";
  if (gone !== removed) {
    starts.push(cp);
    removed = gone;
  }
}
console.log(JSON.stringify(starts));
