// folio-compound/reset-order-noclear: see model.ts (issue 10).
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("reset-order-noclear"));
