// Prints the block tree @mdx-js/mdx builds for MDX read from stdin (with remark-gfm, as Astro adds it):
// the oracle for how the export nests components, lists and paragraphs (tests/export/test_export_starlight_fidelity.py).
// Usage: printf -- '- item\n          <Aside>\n          - a\n          </Aside>\n' | node mdx-tree.mjs
import { readFileSync } from "node:fs";
import { createProcessor } from "@mdx-js/mdx";
import remarkGfm from "remark-gfm";

const processor = createProcessor({ remarkPlugins: [remarkGfm] });
const tree = processor.parse(readFileSync(0, "utf8"));

function show(node, depth) {
  const name = node.name ? ` ${node.name}` : "";
  const value = node.type === "text" || node.type === "code" ? ` ${JSON.stringify(node.value)}` : "";
  const lines = [`${"  ".repeat(depth)}${node.type}${name}${value}`];
  for (const child of node.children ?? []) lines.push(show(child, depth + 1));
  return lines.join("\n");
}

console.log(show(tree, 0));
