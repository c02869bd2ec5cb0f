// folio-compound/pgmap-on-page: see model.ts and brief §5.6.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("pgmap-on-page"));
