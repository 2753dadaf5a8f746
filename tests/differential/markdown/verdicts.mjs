// Judges every page of ../../data/markdown_cases/ with the parsers Astro uses and writes
// ../../data/markdown_verdicts.json (see README.md). Run: npm ci && node verdicts.mjs
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createMarkdownProcessor, rehypeHeadingIds } from "@astrojs/markdown-remark";
import { createProcessor, nodeTypes } from "@mdx-js/mdx";
import rehypeRaw from "rehype-raw";
import remarkGfm from "remark-gfm";
import remarkSmartypants from "remark-smartypants";
import { VFile } from "vfile";
import { visit } from "unist-util-visit";
import { fromHtml } from "hast-util-from-html";

const here = dirname(fileURLToPath(import.meta.url));
// optional arguments: another folder of pages and another output file (to compare real sites by hand)
const casesDir = process.argv[2] ?? join(here, "../../data/markdown_cases");
const out = process.argv[3] ?? join(here, "../../data/markdown_verdicts.json");
const LINK_ATTRIBUTES = new Set(["href", "src", "link"]);

/** Line and column (1-based; columns in characters, i.e. code points, as eduforge reports them) of an offset. */
function position(source, offset) {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  const column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return [line, column];
}

/** Where a destination is written inside a node's source, else the node's start. */
function where(source, node, url) {
  const start = node.position.start.offset;
  const found = url ? source.slice(start, node.position.end.offset).indexOf(url) : -1;
  return position(source, found >= 0 ? start + found : start);
}

function literal(attribute) {
  if (typeof attribute.value === "string") return attribute.value;
  const body = attribute.value?.data?.estree?.body;
  const expression = body?.length === 1 ? body[0].expression : undefined;
  if (expression?.type === "Literal" && typeof expression.value === "string") return expression.value;
  if (expression?.type === "TemplateLiteral" && expression.expressions.length === 0)
    return expression.quasis[0].value.cooked;
  return undefined;
}

/** A remark plugin recording links, images, code lines and JSX link props of the final mdast. */
function capture(record) {
  return () => (tree, file) => {
    const source = String(file.value);
    // mdast-util-to-hast renders a row's first align.length cells only: the rest is not on the page
    visit(tree, "table", (table) => {
      for (const row of table.children) row.children = row.children.slice(0, table.align.length);
    });
    const definitions = new Map();
    visit(tree, "definition", (node) => definitions.set(node.identifier, node.url));
    visit(tree, (node) => {
      if (node.type === "link" || node.type === "image") {
        record.links.push([node.type, node.url, ...where(source, node, node.url)]);
      } else if (node.type === "linkReference" || node.type === "imageReference") {
        const url = definitions.get(node.identifier);
        if (url !== undefined)
          record.links.push([node.type === "linkReference" ? "link" : "image", url, ...where(source, node, url)]);
      } else if (node.type === "heading") {
        record.headingLines.push(node.position.start.line);
      } else if (node.type === "html") {
        htmlLinks(source, node, record);
      } else if (node.type === "code") {
        for (let line = node.position.start.line; line <= node.position.end.line; line++) record.code.push(line);
      } else if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name) {
        for (const attribute of node.attributes) {
          if (attribute.type !== "mdxJsxAttribute") continue;
          const value = literal(attribute);
          if (value === undefined) continue;
          if (attribute.name === "id") record.ids.push(value);
          else if (LINK_ATTRIBUTES.has(attribute.name) && value)
            record.links.push(["html", value, ...where(source, attribute.position ? attribute : node, value)]);
        }
      }
    });
  };
}

/** The ids remark-rehype gives footnotes (`user-content-fn-…`, `user-content-fnref-…`, `footnote-label`), from the hast. */
function captureFootnotes(record) {
  return () => (tree) => {
    visit(tree, "element", (element) => {
      const id = element.properties?.id;
      if (typeof id === "string" && (id.startsWith("user-content-fn") || id === "footnote-label")) record.footnotes.push(id);
    });
  };
}

/** Links and ids of a raw HTML node (Markdown), parsed as rehype-raw parses HTML. */
function htmlLinks(source, node, record) {
  const base = node.position.start.offset;
  visit(fromHtml(node.value, { fragment: true }), "element", (element) => {
    const props = element.properties ?? {};
    if (typeof props.id === "string") record.ids.push(props.id);
    for (const name of ["href", "src"]) {
      const value = props[name];
      if (typeof value !== "string" || !value) continue;
      const start = base + element.position.start.offset;
      const found = source.slice(start, base + element.position.end.offset).indexOf(value);
      record.links.push(["html", value, ...position(source, found >= 0 ? start + found : start)]);
    }
  });
}

async function judge(name, text) {
  const record = { links: [], code: [], ids: [], headingLines: [], footnotes: [] };
  let headings;
  if (name.endsWith(".mdx")) {
    const processor = createProcessor({
      remarkPlugins: [remarkGfm, [remarkSmartypants, {}], capture(record)],
      rehypePlugins: [[rehypeRaw, { passThrough: nodeTypes }], rehypeHeadingIds, captureFootnotes(record)],
      jsxImportSource: "astro",
      format: "mdx",
      mdExtensions: [],
      elementAttributeNameCase: "html",
    });
    const file = new VFile({ value: text, path: `/cases/${name}`, data: { astro: { frontmatter: {} } } });
    await processor.process(file);
    headings = file.data.astro.headings;
  } else {
    const processor = await createMarkdownProcessor({
      syntaxHighlight: false,
      remarkPlugins: [capture(record)],
      rehypePlugins: [captureFootnotes(record)],
    });
    const result = await processor.render(text, { frontmatter: {} });
    headings = result.metadata.headings;
  }
  // the n-th heading of the mdast is the n-th heading given an id (hast keeps their order)
  return {
    headings: headings.map((h, index) => [h.depth, h.slug, record.headingLines[index] ?? null]).filter((h) => h[2] !== null),
    ids: [...new Set(record.ids)].sort(),
    footnotes: [...new Set(record.footnotes)].sort(),
    links: record.links,
    code: [...new Set(record.code)].sort((a, b) => a - b),
  };
}

const verdicts = {};
for (const name of readdirSync(casesDir).sort()) {
  const text = readFileSync(join(casesDir, name), "utf8");
  try {
    verdicts[name] = await judge(name, text);
  } catch (error) {
    verdicts[name] = { error: String(error.message ?? error).split("\n")[0] };
  }
}
const versions = {};
for (const pkg of ["@astrojs/markdown-remark", "@mdx-js/mdx", "remark-gfm", "remark-smartypants", "github-slugger"]) {
  versions[pkg] = JSON.parse(readFileSync(join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}
const lines = Object.entries(verdicts).map(([name, verdict]) => `  ${JSON.stringify(name)}: ${JSON.stringify(verdict)}`);
writeFileSync(out, `{"versions": ${JSON.stringify(versions)},\n "cases": {\n${lines.join(",\n")}\n}}\n`);
console.log(`${Object.keys(verdicts).length} cases judged`);
