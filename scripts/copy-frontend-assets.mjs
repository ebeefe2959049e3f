// Copies govuk-frontend's script and images into the web root. Fonts are not copied on purpose:
// GDS Transport is for GOV.UK services only, and this portal uses Arial.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const web = join(root, "wwwroot");

mkdirSync(join(web, "lib", "govuk-frontend"), { recursive: true });
cpSync(join(dist, "govuk-frontend.min.js"), join(web, "lib", "govuk-frontend", "govuk-frontend.min.js"));
cpSync(join(dist, "assets", "images"), join(web, "assets", "images"), { recursive: true });

mkdirSync(join(web, "lib", "chart.js"), { recursive: true });
cpSync(join(root, "node_modules", "chart.js", "dist", "chart.umd.min.js"), join(web, "lib", "chart.js", "chart.umd.min.js"));
