// Builds the service's static files from the npm packages: GOV.UK Frontend's Sass compiled
// with our asset path, its JavaScript and fonts/images copied, and axe-core for the browser tests.
// Output goes to frontend/build/, which Django's staticfiles serves under /static/.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "frontend", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "stylesheets"), { recursive: true });
mkdirSync(join(out, "javascripts"), { recursive: true });

// application-rtl: the same styles mirrored for right-to-left languages (Urdu); see its header.
for (const name of ["application", "application-rtl"]) {
  const result = sass.compile(join(root, "frontend", "scss", `${name}.scss`), {
    loadPaths: [join(root, "node_modules")],
    style: "compressed",
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  writeFileSync(join(out, "stylesheets", `${name}.css`), result.css);
}

cpSync(join(govuk, "assets"), join(out, "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "javascripts", "govuk-frontend.min.js"));
cpSync(join(root, "frontend", "js"), join(out, "javascripts"), { recursive: true });
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(out, "testing", "axe.min.js"), { recursive: true });
console.log(`Built static files into ${out}`);
