// folio-compound/popple2024: see model.ts and brief §5.6.
import { defineSpec } from "../../src/index.js";
import { make } from "./model.js";

export default defineSpec(make("popple2024"));
