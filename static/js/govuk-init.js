// GOV.UK Frontend's components: started once the page is read.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
