// Copies govuk-frontend's script into the web root. Its fonts and images are not copied, on purpose: GDS Transport,
// the crown and the GOV.UK icons are for GOV.UK services only; this portal uses Arial and the force's own name.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const web = join(root, "wwwroot");

mkdirSync(join(web, "lib", "govuk-frontend"), { recursive: true });
cpSync(join(dist, "govuk-frontend.min.js"), join(web, "lib", "govuk-frontend", "govuk-frontend.min.js"));
rmSync(join(web, "assets"), { recursive: true, force: true });

mkdirSync(join(web, "lib", "chart.js"), { recursive: true });
cpSync(join(root, "node_modules", "chart.js", "dist", "chart.umd.min.js"), join(web, "lib", "chart.js", "chart.umd.min.js"));
