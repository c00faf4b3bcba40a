// Progressive enhancement only: every journey works without this file.
// Not "init.mjs": /static/ also serves govuk-frontend's dist folder first, whose own init.mjs
// (a module that only exports initAll) would shadow ours and nothing would be initialised.
// Relative, so it is fetched from the same versioned path as this file (STATIC_PREFIX).
import { initAll } from "./govuk-frontend.min.js";

initAll();
