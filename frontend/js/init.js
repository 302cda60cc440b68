// Starts GOV.UK Frontend's components (error summary focus, character counts, details…).
import { initAll } from "./govuk-frontend.min.js";
initAll();
