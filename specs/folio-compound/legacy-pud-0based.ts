// folio-compound/legacy-pud-0based: see model.ts and brief §5.6.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("legacy-pud-0based"));
